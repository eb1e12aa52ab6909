package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalLine.TextEntry;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scroll a flood of output makes at every line: the cursor moves past the bottom of the screen,
 * the whole screen (the scroll region) scrolls up, its top line goes to the scrollback and a blank
 * line comes in at the bottom. JediTermFX builds three temporary line buffers for it, copies the
 * screen's line list several times, and fills a new array of NULs as wide as the screen for the
 * blank line and copies it (Belay's {@link ScreenLines} copied the screen's list once and the NULs
 * once more): together 48% of the emulator thread under {@code seq 1 300000} in a JFR profile.
 * Here the top line is taken off the screen's list and handed to the scrollback, and one blank line
 * with one NUL array of its own (the library changes a filler's array in place when text is later
 * put after it, so a line's array is never shared) is added at the bottom. What is left
 * equals what the library leaves, line for line and entry for entry, and the display and the model's
 * listeners (painter, jump scroll, scrollback limit) are told what the library tells them, in the
 * same order: the display's scroll, the screen's change, the scrollback's change, the cursor.
 *
 * <p>It is reached from {@link BelayTerminal#scrollY}, the one public, overridable step every line
 * feed and every wrapping write passes through. A {@code TerminalTextBuffer} subclass could do the
 * same below the terminal, but JediTermFX's widget constructs its buffer itself and hands it to the
 * panel, the terminal, the type-ahead model and the hyperlink processing before Belay's code runs,
 * so it would have to be swapped in four places by reflection rather than one method overridden.
 *
 * <p>Only that case is taken: the cursor past the bottom of a scroll region that is the whole
 * screen, on the main screen (whose scrolled-off lines go to the scrollback), with no lines kept
 * below the screen. Everything else (scroll regions, the alternate screen, inserted and deleted
 * lines, CSI S and T, IND, NEL, RI) takes the library's path. The terminal's cursor and region and
 * the buffer's line lists are private to the library, and its model-change event package-private,
 * so they are reached by reflection; if any is not found (the library changed), there is no short
 * cut and every scroll takes the library's path.
 */
final class WholeScreenScroll {

    private static final Logger LOG = LoggerFactory.getLogger(WholeScreenScroll.class);
    private static final Handles HANDLES = Handles.find();
    private static final TerminalFields TERMINAL = TerminalFields.find();

    private final TerminalDisplay display;
    private final TerminalTextBuffer buffer;
    private final StyleState style;
    /**
     * NULs as wide as the screen, cloned into each blank line's entry (never itself put in a line).
     * Shared by all terminals (the tabs have one width) rather than made at a terminal's first scroll:
     * a branch first taken in a new terminal's first flood (here, a width different from the last)
     * was a trap in the emulator's compiled code (JFR: an {@code unstable_if} deoptimization), and
     * the JIT compiled the whole line path again during the flood. Terminals of another width only
     * make it anew when their width differs from the last one's.
     */
    private static volatile CharBuffer nuls = CharBuffer.EMPTY;

    private WholeScreenScroll(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        this.display = display;
        this.buffer = buffer;
        this.style = style;
    }

    private static CharBuffer nuls(int width) {
        return new CharBuffer(new char[width], 0, width); // all NUL: Java zeroes new arrays
    }

    /**
     * The short cut for a terminal writing to {@code display} and {@code buffer}, or null if the
     * library's internals were not found (then every scroll takes the library's path).
     */
    static WholeScreenScroll of(TerminalDisplay display, TerminalTextBuffer buffer) {
        if (HANDLES == null || TERMINAL == null) {
            return null;
        }
        try {
            // the blank line takes the colours of the buffer's style state, as the library's filler does
            return new WholeScreenScroll(display, buffer, (StyleState) HANDLES.styleState.get(buffer));
        } catch (RuntimeException e) {
            LOG.warn("JediTermFX scrolls its own way (floods of output take longer): {}", e.toString());
            return null;
        }
    }

    /**
     * What JediTermFX's {@code scrollY()} does, if the cursor is past the bottom of a whole-screen
     * scroll region on the main screen: then returns true. Otherwise does nothing and returns false
     * (the caller takes the library's path). Call under the text buffer's lock, on the emulator thread.
     */
    boolean scrollY(JediTerminal terminal) {
        TerminalFields t = TERMINAL;
        int cursorY = (int) t.cursorY().getVolatile(terminal);
        int bottom = (int) t.regionBottom().get(terminal);
        if (cursorY <= bottom || (int) t.regionTop().get(terminal) != 1 || bottom != buffer.getHeight()
                || bottom >= LinesBuffer.DEFAULT_MAX_LINES_COUNT || buffer.isUsingAlternateBuffer()) {
            return false;
        }
        LinesBuffer screen = buffer.getScreenBuffer();
        @SuppressWarnings("unchecked")
        ArrayList<TerminalLine> lines = (ArrayList<TerminalLine>) HANDLES.lines.get(screen);
        if (lines.size() > bottom) {
            return false; // lines below the screen, which the library keeps below it
        }
        int dy = bottom - cursorY; // negative: up
        t.cursorY().setVolatile(terminal, bottom);
        display.scrollArea(1, bottom, dy);
        scrollUp(lines, -dy);
        display.setCursor((int) t.cursorX().getVolatile(terminal), bottom);
        return true;
    }

    /**
     * JediTermFX's {@code TerminalTextBuffer.scrollArea(1, -count, height)} on a screen whose lines
     * all lie in the region: the top lines go, as many blank lines (one filler entry, as the library's)
     * come in at the bottom, the listeners hear of it, the lines go to the scrollback, they hear again.
     */
    private void scrollUp(ArrayList<TerminalLine> lines, int count) {
        int width = buffer.getWidth();
        CharBuffer blank = nuls;
        if (blank.length() != width) {
            blank = nuls(width); // a terminal of another width, or the screen was resized
            nuls = blank;
        }
        TextEntry filler = new TextEntry(style.getCurrent().createEmptyWithColors(), blank); // copies blank
        int toRemove = Math.min(count, lines.size());
        List<TerminalLine> removed;
        if (toRemove == 1) {
            removed = List.of(lines.remove(0));
        } else {
            List<TerminalLine> top = lines.subList(0, toRemove);
            removed = new ArrayList<>(top);
            top.clear();
        }
        for (int i = 0; i < toRemove; i++) {
            lines.add(new TerminalLine(filler));
        }
        fireModelChanged();
        LinesBuffer history = buffer.getHistoryBuffer();
        if ((int) HANDLES.maxLines.get(history) <= 0) {
            // no limit of the library's (Belay's is ScrollbackLimit, a listener): what addLines does then
            @SuppressWarnings("unchecked")
            ArrayList<TerminalLine> historyLines = (ArrayList<TerminalLine>) HANDLES.lines.get(history);
            if (removed.size() == 1) {
                historyLines.add(removed.get(0));
            } else {
                historyLines.addAll(removed);
            }
        } else {
            history.addLines(removed); // the library's own limit applies
        }
        fireModelChanged();
    }

    private void fireModelChanged() {
        try {
            HANDLES.fire.invokeExact(buffer);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("JediTermFX's fireModelChangeEvent failed", e);
        }
    }

    /** The text buffer's and lines' private fields and the buffer's package-private event, reached once. */
    private record Handles(VarHandle lines, VarHandle maxLines, VarHandle styleState, MethodHandle fire) {

        static Handles find() {
            try {
                MethodHandles.Lookup text = MethodHandles.privateLookupIn(TerminalTextBuffer.class, MethodHandles.lookup());
                MethodHandles.Lookup linesLookup = MethodHandles.privateLookupIn(LinesBuffer.class, MethodHandles.lookup());
                return new Handles(
                        linesLookup.findVarHandle(LinesBuffer.class, "myLines", ArrayList.class),
                        linesLookup.findVarHandle(LinesBuffer.class, "myBufferMaxLinesCount", int.class),
                        text.findVarHandle(TerminalTextBuffer.class, "myStyleState", StyleState.class),
                        text.findVirtual(TerminalTextBuffer.class, "fireModelChangeEvent", MethodType.methodType(void.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("JediTermFX scrolls its own way (floods of output take longer): {}", e.toString());
                return null;
            }
        }
    }
}
