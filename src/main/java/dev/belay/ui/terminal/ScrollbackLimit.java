package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.model.TerminalModelListener;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;

/**
 * Keeps a terminal's scrollback to {@link #LINES} lines, cutting it in chunks of {@link #CHUNK}.
 * JediTermFX's own limit copies the whole history list twice for every line that scrolls off
 * once the history is full (5,000 references per line of {@code seq}: most of the emulator's time
 * and garbage under a flood of short lines). So the library's limit is off
 * ({@link TerminalSettings#getBufferMaxLinesCount()}) and this listener trims instead: one copy
 * per {@code CHUNK} lines. Scroll positions and selections count from the screen's top, so
 * cutting the oldest lines moves neither.
 */
final class ScrollbackLimit implements TerminalModelListener {

    static final int LINES = 5_000;
    static final int CHUNK = 1_000;

    private final TerminalTextBuffer buffer;

    private ScrollbackLimit(TerminalTextBuffer buffer) {
        this.buffer = buffer;
    }

    /** Installs the limit on {@code buffer}; call before output arrives. */
    static void install(TerminalTextBuffer buffer) {
        buffer.addModelListener(new ScrollbackLimit(buffer));
    }

    /** On the emulator thread after each change: a size check, and a cut once per CHUNK lines. */
    @Override
    public void modelChanged() {
        if (buffer.getHistoryBuffer().getLineCount() <= LINES + CHUNK) {
            return;
        }
        buffer.lock(); // reentrant: the emulator usually holds it already; the painter reads under it
        try {
            int over = buffer.getHistoryBuffer().getLineCount() - LINES;
            if (over > CHUNK) {
                buffer.getHistoryBuffer().removeTopLines(over);
            }
        } finally {
            buffer.unlock();
        }
    }
}
