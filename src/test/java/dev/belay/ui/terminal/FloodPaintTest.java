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
        // the last line feed's two cursor moves go where the carriage return put the cursor: under a
        // flood the panel skips such moves, and the cursor must still end where the terminal's is
        return text.append("the last line\r\n").toString();
    }

    @Test
    void theFinalStateOfAFloodIsDrawnWhenTheOutputStops() {
        onFx(() -> {
            widget.setTtyConnector(output);
            widget.start();
            return null;
        });
        assertThat(ScreenLines.installedIn(widget.getTerminalTextBuffer())).as("Belay's screen lines in the widget").isTrue();
        await("the last line in the model, then its line feed", 30, this::lastLineFed);
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
        assertThat(panelCursor()).as("the panel's cursor (column, row), after a flood that ended with a line feed")
                .containsExactly(widget.getTerminal().getCursorX() - 1, widget.getTerminal().getCursorY());
        // jump scroll sizes its flood windows by the render thread's CPU, found by its name
        assertThat(RendererCpu.nanos()).as("JavaFX's render thread's CPU time (%s...)", RendererCpu.THREAD_PREFIX)
                .isPositive();
    }

    /** Whether the screen's last row is blank and the one above it holds the output's last line. */
    private boolean lastLineFed() {
        TerminalTextBuffer buffer = widget.getTerminalTextBuffer();
        buffer.lock();
        try {
            int rows = buffer.getHeight();
            return buffer.getLine(rows - 2).getText().strip().equals("the last line")
                    && buffer.getLine(rows - 1).getText().replace('\0', ' ').isBlank();
        } finally {
            buffer.unlock();
        }
    }

    /** Where JediTermFX's panel keeps the cursor it draws (private to the library: reached by reflection). */
    private int[] panelCursor() {
        return onFx(() -> {
            java.lang.reflect.Field cursorField = com.techsenger.jeditermfx.ui.TerminalPanel.class.getDeclaredField("myCursor");
            cursorField.setAccessible(true);
            Object cursor = cursorField.get(widget.getTerminalPanel());
            java.lang.reflect.Field coordinates = cursor.getClass().getDeclaredField("myCursorCoordinates");
            coordinates.setAccessible(true);
            com.techsenger.jeditermfx.core.compatibility.Point at =
                    (com.techsenger.jeditermfx.core.compatibility.Point) coordinates.get(cursor);
            return new int[] {at.x, at.y};
        });
    }

    private String screen() {
        return widget.screenText().lines().map(String::stripTrailing)
                .collect(java.util.stream.Collectors.joining("\n")).stripTrailing();
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
