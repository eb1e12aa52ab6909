package dev.belay.ui.terminal;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Jump scroll in Belay's terminal widget, on a real JavaFX stage: output that is all there at once
 * (a flood from start to end) and then stops. The screen must then show the final state, though the
 * flood was drawn only now and then: the last window's changes are drawn at its end, with no later
 * output to trigger a frame.
 */
@ExtendWith(ApplicationExtension.class)
class FloodPaintTest {

    private static final int LINES = 30_000;

    private BelayTerminalWidget widget;
    private final TextConnector output = new TextConnector(output(), 8 * 1024, true);

    @Start
    void start(Stage stage) {
        widget = new BelayTerminalWidget(TerminalPane.COLS, TerminalPane.ROWS);
        stage.setScene(new Scene(widget.getPane(), 1000, 640));
        stage.show();
    }

    @AfterEach
    void stop() {
        onFx(() -> {
            widget.close();
            return null;
        });
    }

    private static String output() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            text.append(i).append("\r\n");
        }
        return text.append("the last line").toString();
    }

    @Test
    void theFinalStateOfAFloodIsDrawnWhenTheOutputStops() {
        onFx(() -> {
            widget.setTtyConnector(output);
            widget.start();
            return null;
        });
        assertThat(ScreenLines.installedIn(widget.getTerminalTextBuffer())).as("Belay's screen lines in the widget").isTrue();
        await("the last line in the model", 30, () -> screen().endsWith("the last line"));
        assertThat(output.reads.get()).as("reads (a flood, not one batch)").isGreaterThan(2);

        Canvas canvas = widget.getTerminalPanel().getCanvas();
        // the flood over (its last state asked of JediTermFX's painter, not of Belay's flood painter)
        await("the flood's last window drawn", 10, () -> !widget.jumpScroll().holdsBack() && !widget.jumpScroll().isFlooding());
        awaitPulses(6); // JediTermFX's painter draws at its next tick
        WritableImage drawn = onFx(() -> canvas.snapshot(null, null));
        onFx(() -> {
            widget.getTerminalPanel().repaint(); // from the FX thread: straight to the painter
            return null;
        });
        awaitPulses(6);
        WritableImage redrawn = onFx(() -> canvas.snapshot(null, null));
        int rows = widget.getTerminalTextBuffer().getHeight();
        int aboveCursorRow = (int) (canvas.getHeight() * (rows - 1) / rows); // the cursor may blink
        assertThat(differingPixels(drawn, redrawn, aboveCursorRow)).as("pixels the final frame lacked").isZero();
        assertThat(screen()).contains((LINES - 1) + "\n" + LINES + "\nthe last line");
        // jump scroll sizes its flood windows by the render thread's CPU, found by its name
        assertThat(RendererCpu.nanos()).as("JavaFX's render thread's CPU time (%s...)", RendererCpu.THREAD_PREFIX)
                .isPositive();
    }

    private String screen() {
        TerminalTextBuffer buffer = widget.getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getScreenLines().lines().map(String::stripTrailing)
                    .collect(java.util.stream.Collectors.joining("\n")).stripTrailing();
        } finally {
            buffer.unlock();
        }
    }

    /** Waits for {@code count} FX pulses: JediTermFX's painter runs on a 20 ms timeline driven by them. */
    static void awaitPulses(int count) {
        AtomicInteger pulses = new AtomicInteger();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
            }
        };
        onFx(() -> {
            timer.start();
            return null;
        });
        await(count + " pulses", 10, () -> pulses.get() >= count);
        onFx(() -> {
            timer.stop();
            return null;
        });
    }

    static int differingPixels(WritableImage a, WritableImage b, int height) {
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        int differ = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    differ++;
                }
            }
        }
        return differ;
    }
}
