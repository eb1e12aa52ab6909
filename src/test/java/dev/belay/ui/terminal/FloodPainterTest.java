package dev.belay.ui.terminal;

import static dev.belay.ui.terminal.FloodPaintTest.awaitPulses;
import static dev.belay.ui.terminal.FloodPaintTest.differingPixels;
import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.ui.FxFontMetrics;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Belay's painter of flood frames against JediTermFX's own, on a real JavaFX stage: for a screen of
 * plain text in colours it draws the library's pixels, it draws nothing (and leaves the frame to the
 * library) where the screen holds what it does not draw or the view is not the plain one, and the
 * screen a flood leaves is the library's frame. The terminal is not focused (a button is), so the
 * library's cursor does not blink and each of its frames is the same.
 */
@ExtendWith(ApplicationExtension.class)
class FloodPainterTest {

    /** Base64-like rows, a coloured run, a background run, inverse and dim text, and a last line. */
    private static final String PLAIN = plain();

    private BelayTerminalWidget widget;
    private Button elsewhere;
    private TextConnector output;

    @Start
    void start(Stage stage) {
        widget = new BelayTerminalWidget(TerminalPane.COLS, TerminalPane.ROWS);
        elsewhere = new Button("focus");
        stage.setScene(new Scene(new VBox(elsewhere, widget.getPane()), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        onFx(() -> {
            widget.close();
            return null;
        });
    }

    private static String plain() {
        StringBuilder text = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int row = 0; row < 40; row++) {
            for (int col = 0; col < TerminalPane.COLS; col++) {
                text.append(alphabet.charAt((row * 7 + col * 13) % alphabet.length()));
            }
        }
        text.append("plain \u001b[31mred\u001b[0m and \u001b[44mon blue\u001b[0m, \u001b[7minverse\u001b[0m, "
                + "\u001b[2mdim\u001b[0m, \u001b[38;5;208m256 colours\u001b[0m, \u001b[38;2;10;200;30mtrue colour\u001b[0m\r\n");
        text.append("  indented _under_score_ (brackets) [x] {y} |pipe| 'quote' \"dq\" `tick` ~!@#$%^&*=;:,.<>?\\\r\n");
        return text.append("the last line").toString();
    }

    private void show(String text) {
        output = new TextConnector(text, 8 * 1024, true);
        onFx(() -> {
            widget.setTtyConnector(output);
            widget.start();
            elsewhere.requestFocus();
            return null;
        });
        await("the last line in the model", 30, () -> screen().contains("the last line"));
        await("jump scroll holds nothing back", 10, () -> !widget.jumpScroll().holdsBack() && !widget.jumpScroll().isFlooding());
        awaitPulses(6);
    }

    @Test
    void theFontsAdvanceIsAWholeNumberOfPixels() {
        var font = onFx(() -> new TerminalSettings().getTerminalFont());
        double advance = onFx(() -> FxFontMetrics.create(font, "W").getWidth());
        assertThat(Math.abs(advance - Math.round(advance))).as("%s advances %s px", font, advance).isLessThan(1e-3);
        assertThat(font.getSize()).as("near the nominal size").isBetween(TerminalSettings.NOMINAL_FONT_SIZE * 0.9,
                TerminalSettings.NOMINAL_FONT_SIZE * 1.1);
    }

    @Test
    void aScreenOfPlainTextIsDrawnWithTheLibrarysPixels() {
        show(PLAIN);
        WritableImage library = libraryFrame();
        WritableImage flood = onFx(() -> {
            assertThat(widget.paintFloodFrame()).as("Belay's painter draws plain text").isTrue();
            return canvas().snapshot(null, null);
        });
        assertThat(differingPixels(library, flood, aboveCursorRow())).as("pixels that differ above the cursor's row").isZero();
    }

    @Test
    void aScreenWithOtherCharactersIsLeftToTheLibrary() {
        show(PLAIN + "\r\ncaf\u00e9 \u65e5\u672c");
        assertLeftToTheLibrary();
    }

    @Test
    void boldTextIsLeftToTheLibrary() {
        show(PLAIN + "\r\n\u001b[1mbold\u001b[0m");
        assertLeftToTheLibrary();
    }

    @Test
    void aSelectionIsLeftToTheLibrary() {
        show(PLAIN);
        onFx(() -> {
            Canvas canvas = canvas();
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_PRESSED, 20, 20));
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_DRAGGED, 200, 60));
            return null;
        });
        assertThat(onFx(() -> widget.getTerminalPanel().getSelection())).as("a selection").isNotNull();
        assertLeftToTheLibrary();
    }

    @Test
    void aViewScrolledBackIsLeftToTheLibrary() {
        show(PLAIN);
        onFx(() -> {
            widget.getTerminalPanel().getScrollBar().setValue(widget.getTerminalPanel().getScrollBar().getMin());
            return null;
        });
        awaitPulses(6);
        assertLeftToTheLibrary();
    }

    @Test
    void theScreenAFloodLeavesIsTheLibrarysFrame() {
        StringBuilder flood = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            flood.append(i).append(" 0123456789abcdefghijklmnopqrstuvwxyz\r\n");
        }
        show(flood.append("the last line").toString());
        assertThat(output.reads.get()).as("reads (a flood, not one batch)").isGreaterThan(2);
        WritableImage left = onFx(() -> canvas().snapshot(null, null));
        WritableImage library = libraryFrame();
        // the whole canvas, the cursor's row too: Belay's painter draws no cursor, so its frame would differ there
        assertThat(differingPixels(left, library, (int) canvas().getHeight())).as("pixels the last frame lacked").isZero();
    }

    private void assertLeftToTheLibrary() {
        WritableImage before = libraryFrame();
        long drawn = widget.floodPainter().frames();
        WritableImage after = onFx(() -> {
            assertThat(widget.paintFloodFrame()).as("Belay's painter refuses").isFalse();
            return canvas().snapshot(null, null);
        });
        assertThat(differingPixels(before, after, (int) canvas().getHeight())).as("pixels drawn by a refusing painter").isZero();
        assertThat(widget.floodPainter().frames()).as("frames Belay's painter drew").isEqualTo(drawn);
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false,
                true, false, false, false, false, false, null);
    }

    /** A frame of the library's painter: asked from the FX thread, it goes straight to it. */
    private WritableImage libraryFrame() {
        onFx(() -> {
            widget.getTerminalPanel().repaint();
            return null;
        });
        awaitPulses(6);
        return onFx(() -> canvas().snapshot(null, null));
    }

    private Canvas canvas() {
        return widget.getTerminalPanel().getCanvas();
    }

    /**
     * The pixel rows above the cursor's: the library's cursor out of focus is a 1-pixel stroke on its
     * cell's edge, whose upper half falls on the last pixel row of the row above. Belay's painter
     * draws no cursor.
     */
    private int aboveCursorRow() {
        int rows = widget.getTerminalTextBuffer().getHeight();
        return (int) (canvas().getHeight() * (rows - 1) / rows) - 1;
    }

    private String screen() {
        return widget.screenText();
    }
}
