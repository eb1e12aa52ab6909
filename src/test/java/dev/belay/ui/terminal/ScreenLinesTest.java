package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.ArrayTerminalDataStream;
import com.techsenger.jeditermfx.core.Color;
import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Belay's screen lines and terminal ({@link ScreenLines}, {@link BelayTerminal}) against JediTermFX's
 * own: the same output through both emulators leaves the same scrollback and screen, entry by entry
 * (text, style) and line by line (wrapped or not), DEC line drawing and combining marks included.
 */
class ScreenLinesTest {

    /**
     * Pieces of output: plain and long (wrapping) lines, colours, overwrites, erases, scroll regions,
     * inserts, and DECALN (the screen filled with E's: every row written from one shared buffer).
     */
    private static final String[] PIECES = {
        "hello\r\n", "12345\r\n", "\r\n", "a line longer than the twenty columns of this screen\r\n",
        "\u001b[31mred\u001b[0m plain\r\n", "\u001b[42mgreen ground\r\n", "\u001b[0m", "over\rOV\r\n",
        "abc\bX\r\n", "tab\there\r\n", "\u001b[2K", "\u001b[K", "\u001b[3;1H", "\u001b[H", "\u001b[2;4r",
        "\u001b[r", "\u001b[L", "\u001b[M", "\u001b[2J", "x", "yz", "\u001b[1mbold\u001b[22m", "\n", "\r",
        "\u001b[?1049h", "\u001b[?1049l", "\u001b[5;10H", "\u001b[44m\r\n\r\n", "\u001b[S", "\u001b[T",
        "\u001b[3@", "\u001b[2P", "\u001b[4X", "\u00e9t\u00e9\r\n", "\u4e2d\u6587\r\n",
        "\u001b(0lqqk\u001b(B\r\n", "\u001b(0", "\u001b(B", "\u001bNq", "e\u0301\r\n", "\u001b#8",
        "\u001b[99B", "\u001bD", "\u001bE", "\u001bM", "\u001b[3S", "\u001b[2T", "\u001b[41m\n\n\n", "\u001b[1;4r",
        "\u001b[32;45mcolour\r\n\u001b[0m", "\u001b[99;25Hfar", "\n",
    };

    @Test
    void floodsOfShortAndLongLinesEndTheSame() {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            out.append(i).append(i % 7 == 0 ? " and some more text to wrap the line twice over" : "").append("\r\n");
        }
        assertSame(out.toString());
    }

    @Test
    void randomMixesOfOutputAndControlsEndTheSame() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 600; i++) {
                out.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSame(out.toString());
        }
    }

    @Test
    void randomMixesWithResizesAndALimitedScrollbackEndTheSame() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<Object> steps = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                steps.add(random.nextInt(25) == 0 ? new Resize(8 + random.nextInt(25), 3 + random.nextInt(7))
                        : PIECES[random.nextInt(PIECES.length)]);
            }
            assertSame(steps, seed % 2 == 0 ? 25 : -1, false);
        }
    }

    @Test
    void wholeScreenScrollsAmongResizesRegionsAndTheAlternateScreenEndTheSame() {
        String flood = flood(40);
        assertSame(List.of(
                flood,
                "\u001b[44m" + flood(9) + "\u001b[0m", // blank lines in the background colour
                new Resize(30, 8),
                // text past the old width on blank lines that scrolled in at the old width: the
                // library turns a blank line's NULs into spaces in place there, so no two lines may share them
                "\u001b[7;25Hx\u001b[8;22Hy\r\n" + flood(5),
                new Resize(12, 4), flood, new Resize(20, 6),
                "\u001b[2;5r\u001b[5;1H" + flood(8) + "\u001b[r\u001b[6;1H", // a scroll region: the library's path
                "\u001b[?1049h" + flood(10) + "\u001b[?1049l" + flood(3), // the alternate screen: the library's path
                "\u001b[6;1H\u001bD\u001bE\u001bM\u001b[2S\u001b[T" + flood(4),
                "a line much longer than the twenty columns of this screen, wrapped three times over\r\n" + flood(2),
                new Resize(20, 3), flood(7), new Resize(20, 9), flood(12)), -1, false);
    }

    @Test
    void aLongFloodUnderBelaysScrollbackLimitEndsTheSame() {
        // past ScrollbackLimit.LINES + CHUNK lines of scrollback: the limit cuts, on both, at the same change
        assertSame(List.of(flood(ScrollbackLimit.LINES + 2 * ScrollbackLimit.CHUNK + 7)), -1, true);
    }

    private static String flood(int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            out.append(i).append(i % 11 == 0 ? " and some more text to wrap this line" : "").append("\r\n");
        }
        return out.toString();
    }

    @Test
    void printableAsciiIsCopiedAsItIsOnlyWhileTheAsciiSetIsInUse() throws java.io.IOException {
        StyleState style = new StyleState();
        TerminalTextBuffer buffer = new TerminalTextBuffer(20, 6, style, -1, null);
        ScreenLines.install(buffer);
        BelayTerminal terminal = new BelayTerminal(new HeadlessDisplay(), buffer, style);
        assertThat(terminal.asciiSetInUse()).as("at start").isTrue();
        feed(terminal, "\u001b(0");
        assertThat(terminal.asciiSetInUse()).as("after G0 = DEC line drawing").isFalse();
        feed(terminal, "\u001b(B");
        assertThat(terminal.asciiSetInUse()).as("after G0 = ASCII again").isTrue();
        terminal.designateCharacterSet(1, '0');
        terminal.mapCharsetToGL(1);
        assertThat(terminal.asciiSetInUse()).as("with G1 = line drawing in GL").isFalse();
        terminal.mapCharsetToGL(0);
        assertThat(terminal.asciiSetInUse()).as("with G0 in GL again").isTrue();
        feed(terminal, "\u001b*0\u001bN");
        assertThat(terminal.asciiSetInUse()).as("with a single shift pending").isFalse();
        feed(terminal, "q");
        assertThat(terminal.asciiSetInUse()).as("once the single shift took its character").isTrue();
    }

    @Test
    void singleShiftsAndLockingShiftsBeforePrintableRunsEndTheSame() {
        assertSame("\u001b*0\u001bNqqqq plain\r\n\u001b)0\u000elqk plain?\u000f plain\r\n\u001b(A#abc\u001b(B#abc\r\n");
    }

    @Test
    void editsOfLinesWrittenIntoBlankRowsEndTheSame() {
        // text into blank rows (the short cut: the rest is a BlankRun), then edits that split, move
        // and change that rest in place: deletes, inserts, erases, text after it, a tab
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            out.append("line ").append(i).append("\r\n");
        }
        out.append("\u001b[3A\u001b[3P\u001b[B\u001b[2@x\u001b[15Gy\u001b[B\u001b[4X\tz\u001b[20Gw\r\n");
        out.append("\u001b[2A\u001b[8G\u001b[1K\u001b[B\u001b[12Gq\u001b[K\r\n\u001b[1;1H\u001b[2L\u001b[M");
        assertSame(out.toString());
        assertThat(BlankRun.of(20).toString()).as("NULs shared by the runs, untouched").isEqualTo("\0".repeat(20));
    }

    @Test
    void aBlankRunChangedInPlaceChangesNoOtherRun() {
        BlankRun a = BlankRun.of(6);
        BlankRun b = BlankRun.of(6);
        assertThat(a.isNul()).isTrue();
        a.unNullify();
        assertThat(a.isNul()).isFalse();
        assertThat(a.toString()).isEqualTo("      ");
        assertThat(a.subBuffer(1, 3).toString()).isEqualTo("   ");
        assertThat(b.isNul()).isTrue();
        assertThat(b.toString()).isEqualTo("\0".repeat(6));
        assertThat(b.subBuffer(2, 3).isNul()).isTrue();
        assertThat(b.clone().toString()).isEqualTo("\0".repeat(6));
        assertThat(BlankRun.of(300).length()).as("longer than the shared array was").isEqualTo(300);
    }

    private static void feed(JediTerminal terminal, String output) throws java.io.IOException {
        JediEmulator emulator = new JediEmulator(new ArrayTerminalDataStream(output.toCharArray()), terminal);
        while (emulator.hasNext()) {
            emulator.next();
        }
    }

    private static void assertSame(String output) {
        assertSame(List.of(output), -1, false);
    }

    /**
     * {@code steps} (output, or a {@link Resize}) through Belay's terminal and the library's leave
     * the same scrollback and screen, and tell the display and the model's listeners the same things
     * in the same order; once fed whole, once through {@link BatchedTtyStream} as in the widget.
     */
    private static void assertSame(List<Object> steps, int historyLimit, boolean scrollbackLimit) {
        String what = abbreviate(steps.toString());
        Run library = run(steps, false, historyLimit, scrollbackLimit, false);
        Run belay = run(steps, true, historyLimit, scrollbackLimit, false);
        assertThat(lines(belay.buffer())).as("after %s", what).isEqualTo(lines(library.buffer()));
        assertThat(belay.events()).as("display calls and model changes, after %s", what).isEqualTo(library.events());
        // as in the widget: read through BatchedTtyStream (printable runs handed over as arrays), in
        // reads of 7 characters, so runs are cut at every place; the library's terminal reads the same
        Run batchedLibrary = run(steps, false, historyLimit, scrollbackLimit, true);
        Run batchedBelay = run(steps, true, historyLimit, scrollbackLimit, true);
        assertThat(lines(batchedBelay.buffer())).as("batched, after %s", what)
                .isEqualTo(lines(batchedLibrary.buffer()));
        assertThat(batchedBelay.events()).as("batched: display calls and model changes, after %s", what)
                .isEqualTo(batchedLibrary.events());
    }

    /** A step between pieces of output: the terminal resized (as the widget does when its pane is). */
    private record Resize(int columns, int rows) {
    }

    /** A terminal's text buffer after a run, and what its display and model listeners were told. */
    private record Run(TerminalTextBuffer buffer, List<String> events) {
    }

    private static Run run(List<Object> steps, boolean belays, int historyLimit, boolean scrollbackLimit,
            boolean batched) {
        StyleState style = new StyleState();
        TerminalTextBuffer buffer = new TerminalTextBuffer(20, 6, style, historyLimit, null);
        List<String> events = new ArrayList<>();
        if (belays) {
            ScreenLines.install(buffer);
            assertThat(ScreenLines.installedIn(buffer)).isTrue();
        }
        if (scrollbackLimit) {
            ScrollbackLimit.install(buffer);
        }
        // what a listener sees at each change: the scrollback's and the screen's size, their edges
        buffer.addModelListener(() -> events.add("model " + buffer.getHistoryLinesCount() + " "
                + buffer.getScreenLinesCount() + " " + edge(buffer.getHistoryBuffer(), true) + "|"
                + edge(buffer.getScreenBuffer(), false) + "|" + edge(buffer.getScreenBuffer(), true)));
        RecordingDisplay display = new RecordingDisplay(events);
        JediTerminal terminal = belays ? new BelayTerminal(display, buffer, style) : new JediTerminal(display, buffer, style);
        if (belays) {
            assertThat(((BelayTerminal) terminal).shortCut()).as("the ASCII short cut in place").isTrue();
            assertThat(((BelayTerminal) terminal).scrollShortCut()).as("the scroll short cut in place").isTrue();
        }
        events.clear(); // the constructors' own (the same in both)
        for (Object step : steps) {
            if (step instanceof Resize resize) {
                terminal.resize(new TermSize(resize.columns(), resize.rows()), RequestOrigin.User);
            } else if (batched) {
                BatchedTtyStream stream = new BatchedTtyStream(new TextConnector((String) step, 7, false), () -> { });
                if (terminal instanceof BelayTerminal belay) {
                    belay.readsFrom(stream);
                }
                emulate(new JediEmulator(stream, terminal), true);
            } else {
                emulate(new JediEmulator(new ArrayTerminalDataStream(((String) step).toCharArray()), terminal), false);
            }
        }
        return new Run(buffer, events);
    }

    private static void emulate(JediEmulator emulator, boolean untilEof) {
        try {
            if (untilEof) {
                do {
                    emulator.next(); // at the end of the output the emulator notes the stream's EOF
                } while (emulator.hasNext());
            } else {
                while (emulator.hasNext()) {
                    emulator.next();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The text of a buffer's first or last line ("-" if it has none). */
    private static String edge(com.techsenger.jeditermfx.core.model.LinesBuffer lines, boolean last) {
        int n = lines.getLineCount();
        return n == 0 ? "-" : lines.getLineText(last ? n - 1 : 0).replace('\0', '0');
    }

    /** Each line as its wrapped flag and its entries (style and text). */
    private static List<String> lines(TerminalTextBuffer buffer) {
        List<String> lines = new ArrayList<>();
        for (int i = -buffer.getHistoryLinesCount(); i < buffer.getHeight(); i++) {
            TerminalLine line = buffer.getLine(i);
            StringBuilder s = new StringBuilder(i + (line.isWrapped() ? " wrapped:" : ":"));
            for (TerminalLine.TextEntry e : line.getEntries()) {
                s.append(" [").append(e.getStyle()).append(' ')
                        .append(e.getText().toString().replace('\0', '0')).append(']');
            }
            lines.add(s.toString());
        }
        return lines;
    }

    private static String abbreviate(String s) {
        return s.length() < 200 ? s : s.substring(0, 200) + "...";
    }

    /** A display that notes where the emulator scrolls and puts the cursor. */
    private static final class RecordingDisplay extends HeadlessDisplay {

        private final List<String> events;

        RecordingDisplay(List<String> events) {
            this.events = events;
        }

        @Override
        public void setCursor(int x, int y) {
            events.add("cursor " + x + " " + y);
        }

        @Override
        public void scrollArea(int scrollRegionTop, int scrollRegionSize, int dy) {
            events.add("scroll " + scrollRegionTop + " " + scrollRegionSize + " " + dy);
        }
    }

    /** A display for the emulator alone: no window, so nothing to draw. */
    private static class HeadlessDisplay implements TerminalDisplay {
        @Override
        public void setCursor(int x, int y) {
        }

        @Override
        public void setCursorShape(CursorShape cursorShape) {
        }

        @Override
        public void beep() {
        }

        @Override
        public void scrollArea(int scrollRegionTop, int scrollRegionSize, int dy) {
        }

        @Override
        public void setCursorVisible(boolean isCursorVisible) {
        }

        @Override
        public void useAlternateScreenBuffer(boolean useAlternateScreenBuffer) {
        }

        @Override
        public String getWindowTitle() {
            return "";
        }

        @Override
        public void setWindowTitle(String windowTitle) {
        }

        @Override
        public TerminalSelection getSelection() {
            return null;
        }

        @Override
        public void terminalMouseModeSet(MouseMode mouseMode) {
        }

        @Override
        public void setMouseFormat(MouseFormat mouseFormat) {
        }

        @Override
        public boolean ambiguousCharsAreDoubleWidth() {
            return false;
        }

        @Override
        public Color getWindowForeground() {
            return null;
        }
    }
}
