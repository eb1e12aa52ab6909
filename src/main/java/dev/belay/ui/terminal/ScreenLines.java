package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalLine.TextEntry;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import com.techsenger.jeditermfx.core.util.CharUtils;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX's screen lines with short cuts for the two things a flood of output does per line, each
 * leaving exactly what the library's own code leaves. A line that scrolls in is blank (one NUL
 * filler entry as wide as the screen), and JediTermFX writes text into it by copying the whole line
 * into two arrays, one char at a time, and cutting it into entries again: here text written at the
 * start of such a line becomes the text's entry and the filler's rest, without the copy. Scrolling
 * the whole screen up by a line cost JediTermFX five copies of the screen's line list; here one (a
 * line feed at the bottom does not come here: {@link WholeScreenScroll} does it; CSI S and IND or
 * NEL at the bottom do).
 * Everything else (scroll regions, inserts, writes into lines with text, the alternate screen)
 * takes the library's path. A JFR profile of {@code seq 1 300000} had 40% of the emulator thread in
 * the line copy and 20% in the list copies.
 */
final class ScreenLines extends LinesBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenLines.class);

    private final TextProcessing textProcessing;

    private ScreenLines(TextProcessing textProcessing) {
        super(-1, textProcessing); // the screen: no limit, as JediTermFX's own screen buffer
        this.textProcessing = textProcessing;
    }

    /**
     * Puts these lines, holding the same lines as before, in place of {@code buffer}'s screen lines;
     * call before any output. JediTermFX offers no way to choose them, so the field is replaced; if
     * that fails (the library changed), its own lines stay and work, only slower.
     */
    static void install(TerminalTextBuffer buffer) {
        buffer.lock();
        try {
            java.lang.reflect.Field processing = TerminalTextBuffer.class.getDeclaredField("myTextProcessing");
            processing.setAccessible(true);
            java.lang.reflect.Field screen = TerminalTextBuffer.class.getDeclaredField("myScreenBuffer");
            screen.setAccessible(true);
            LinesBuffer own = (LinesBuffer) screen.get(buffer);
            ScreenLines lines = new ScreenLines((TextProcessing) processing.get(buffer));
            List<TerminalLine> existing = new ArrayList<>();
            for (int i = 0; i < own.getLineCount(); i++) {
                existing.add(own.getLine(i));
            }
            lines.addLines(existing);
            screen.set(buffer, lines);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JediTermFX keeps its own screen lines (floods of output take longer): {}", e.toString());
        } finally {
            buffer.unlock();
        }
    }

    /** Whether {@code buffer} writes through these lines (false if {@link #install} could not). */
    static boolean installedIn(TerminalTextBuffer buffer) {
        buffer.lock();
        try {
            java.lang.reflect.Field screen = TerminalTextBuffer.class.getDeclaredField("myScreenBuffer");
            screen.setAccessible(true);
            return screen.get(buffer) instanceof ScreenLines;
        } catch (ReflectiveOperationException e) {
            return false;
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void writeString(int x, int y, CharBuffer str, TextStyle style) {
        TerminalLine line = y >= 0 ? getLine(y) : null;
        TextEntry filler = line == null ? null : blank(line);
        if (x != 0 || filler == null || str.length() == 0 || str.length() > filler.getLength()
                || str.getStart() != 0 || str.charAt(0) == CharUtils.NUL_CHAR || style == filler.getStyle()) {
            super.writeString(x, y, str, style);
            return;
        }
        // What JediTermFX's merge leaves: the text in its style, then the filler's rest (if any).
        // The text is not copied: the emulator hands every write a buffer of its own, and the
        // library's own append path keeps the caller's buffer too; only NUL fillers are ever changed
        // in place (CharBuffer.unNullify, when their array's first char is NUL, which this text's is not).
        boolean wrapped = line.isWrapped();
        line.clear(new TextEntry(style, str));
        int rest = filler.getLength() - str.length();
        if (rest > 0) {
            line.writeString(str.length(), BlankRun.of(rest), filler.getStyle());
        }
        line.setWrapped(wrapped);
        if (textProcessing != null) {
            textProcessing.processHyperlinks(this, line);
        }
    }

    /** The line's only entry if it is a blank filler (all NUL), else null. */
    private static TextEntry blank(TerminalLine line) {
        List<TextEntry> entries = line.getEntries();
        if (entries.size() != 1) {
            return null;
        }
        TextEntry only = entries.get(0);
        return only.isNul() ? only : null;
    }

    @Override
    public LinesBuffer deleteLines(int y, int count, int lastLine, TextEntry filler) {
        if (y != 0 || count <= 0 || lastLine < getLineCount() - 1) {
            return super.deleteLines(y, count, lastLine, filler);
        }
        // The whole screen scrolls up: the top lines go (to the caller, for the scrollback), blank
        // lines come in at the bottom sharing the filler's text, as JediTermFX's own code does.
        int toRemove = Math.min(count, getLineCount());
        List<TerminalLine> top = new ArrayList<>(toRemove);
        for (int i = 0; i < toRemove; i++) {
            top.add(getLine(i));
        }
        LinesBuffer removed = new LinesBuffer(textProcessing);
        removed.addLines(top);
        removeTopLines(toRemove);
        for (int i = 0; i < toRemove; i++) {
            addNewLine(filler.getStyle(), filler.getText());
        }
        return removed;
    }
}
