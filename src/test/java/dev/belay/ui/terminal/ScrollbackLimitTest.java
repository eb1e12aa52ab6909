package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import org.junit.jupiter.api.Test;

/** JediTermFX's text buffer with Belay's scrollback limit, fed line by line as its emulator does. */
class ScrollbackLimitTest {

    private static final int ROWS = 5;

    @Test
    void keepsTheNewestLinesAndNeverMoreThanTheLimitAndAChunk() {
        TerminalTextBuffer buffer = new TerminalTextBuffer(20, ROWS, new StyleState(),
                new TerminalSettings().getBufferMaxLinesCount(), null);
        ScrollbackLimit.install(buffer);
        int max = 0;
        for (int i = 1; i <= 12_345; i++) {
            buffer.lock();
            try {
                buffer.writeString(0, ROWS, new CharBuffer("line " + i));
                buffer.scrollArea(1, -1, ROWS); // a newline at the bottom: the top line goes to the history
            } finally {
                buffer.unlock();
            }
            max = Math.max(max, buffer.getHistoryLinesCount());
        }
        int kept = buffer.getHistoryLinesCount();
        assertThat(max).isLessThanOrEqualTo(ScrollbackLimit.LINES + ScrollbackLimit.CHUNK);
        assertThat(kept).isBetween(ScrollbackLimit.LINES, ScrollbackLimit.LINES + ScrollbackLimit.CHUNK);
        // the oldest lines went, in order; the newest stayed: the screen holds the last ROWS - 1 lines
        // written (and the blank row the last newline made), the history the ones before, without a gap
        int newest = 12_345 - (ROWS - 1);
        assertThat(buffer.getLine(-1).getText().strip()).isEqualTo("line " + newest);
        assertThat(buffer.getLine(-kept).getText().strip()).isEqualTo("line " + (newest - kept + 1));
        assertThat(buffer.getLine(0).getText().strip()).isEqualTo("line " + (newest + 1));
    }
}
