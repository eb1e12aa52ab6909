package dev.belay.ui.terminal;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import dev.belay.audit.Operator;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A flood of output into a live terminal on the practice lab, through SSH, the recording and the
 * emulator's fast paths: the screen and scrollback end exactly as the output says (short lines, a
 * wrapped long one), none lost, doubled or out of order. How the flood is drawn: {@link FloodPaintTest}.
 */
@ExtendWith(ApplicationExtension.class)
class TerminalFloodTest {

    private static final int LINES = 30_000;

    private LabTerminals.Rig rig;

    @Start
    void start(Stage stage) throws Exception {
        rig = LabTerminals.Rig.start(Files.createTempDirectory("belay-flood"), 1, new Operator("alice", "alice", "ws-1"));
        rig.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void aFloodEndsWithTheExactScreenAndScrollback() throws Exception {
        TerminalPane pane = onFx(() -> rig.tabs().open("lab-1", LabTerminals.target(rig.lab(), "lab-1")))
                .get(30, TimeUnit.SECONDS);
        await("the lab-1 prompt", 20, () -> pane.screenText().contains("lab-1$"));
        assertThat(((BelayTerminal) pane.widget().getTerminal()).scrollShortCut())
                .as("whole-screen scrolls take Belay's short cut in the widget").isTrue();

        // Short lines, then long ones that wrap (150 > 120 columns), then the marker.
        rig.tabs().typeInto("lab-1", "seq 1 " + LINES + "; printf 'x%.0s' $(seq 1 150); echo; echo END-$((40+2))")
                .get(10, TimeUnit.SECONDS);
        await("the end of the flood", 60, () -> pane.screenText().contains("\nEND-42"));

        List<String> lines = allLines(pane.widget().getTerminalTextBuffer());
        int end = lines.indexOf("END-42");
        assertThat(end).isPositive();
        String xs = "x".repeat(150);
        int cols = pane.widget().getTerminalTextBuffer().getWidth();
        assertThat(lines.get(end - 1)).as("the wrapped line's tail").isEqualTo(xs.substring(cols));
        assertThat(lines.get(end - 2)).as("the wrapped line's head").isEqualTo(xs.substring(0, cols));
        // Every number from the oldest kept to the last, in order, none lost or doubled.
        int from = firstNumber(lines);
        for (int i = from; i <= end - 3; i++) {
            assertThat(lines.get(i)).as("line %d", i).isEqualTo(Integer.toString(LINES - (end - 3 - i)));
        }
        assertThat(end - 3 - from).as("numbers kept").isGreaterThanOrEqualTo(ScrollbackLimit.LINES);
    }

    private static int firstNumber(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("[0-9]+")) {
                return i;
            }
        }
        throw new AssertionError("no numbers in " + lines);
    }

    /** Scrollback then screen, one string per line. */
    private static List<String> allLines(TerminalTextBuffer buffer) {
        buffer.lock();
        try {
            List<String> lines = new ArrayList<>();
            for (int i = -buffer.getHistoryLinesCount(); i < buffer.getHeight(); i++) {
                lines.add(buffer.getLine(i).getText());
            }
            return lines;
        } finally {
            buffer.unlock();
        }
    }
}
