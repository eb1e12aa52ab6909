package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.emulator.charset.CharacterSet;
import com.techsenger.jeditermfx.core.emulator.charset.GraphicSetState;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX's terminal with a short cut for runs of plain ASCII text, what a flood of output is
 * made of. For every run the library NFC-normalises the text (a no-op on ASCII) and maps it through
 * the character sets into a {@code StringBuilder}, a char at a time, then copies it twice more
 * (a quarter of the emulator thread under {@code seq} in a JFR profile). Here an ASCII run is
 * mapped through the same character sets (so DEC line drawing still works) into one array and
 * handed to the library's own writing code (while the ASCII set is in use, printable ASCII maps to
 * itself, so such a run is copied as it is: the library's mapping allocates for every character,
 * and the run is written by {@link #writePrintable}, the library's writing code without its width
 * count); any other text takes the library's path. The library keeps these steps and the cursor
 * private, so they are reached by reflection; if that fails (the library changed), every run takes
 * the library's path. Whole-screen scrolls are {@link WholeScreenScroll}'s.
 */
final class BelayTerminal extends JediTerminal {

    private static final Logger LOG = LoggerFactory.getLogger(BelayTerminal.class);
    private static final MethodHandle WRITE_DECODED = writeDecoded();
    /**
     * The terminal's private cursor fields for {@link #writePrintable}, or null (not found). Static
     * final, so the JIT folds the handles in (through an instance field it did not: looking them up
     * on every call was 4% of the emulator under {@code seq} in a JFR profile).
     */
    private static final TerminalFields FIELDS = WRITE_DECODED == null ? null : TerminalFields.find();

    private final GraphicSetState graphicSets;
    private final TerminalTextBuffer buffer;
    private final TerminalDisplay display;
    /** The short cut for whole-screen scrolls, or null (the library's internals were not found). */
    private final WholeScreenScroll wholeScreen;

    BelayTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        super(display, buffer, style);
        this.graphicSets = WRITE_DECODED == null ? null : graphicSets(this);
        this.buffer = buffer;
        this.display = display;
        this.wholeScreen = WholeScreenScroll.of(display, buffer);
    }

    /** Where the emulator reads, if a {@link BatchedTtyStream}: it hands over printable runs as arrays. */
    private BatchedTtyStream input;

    /** Call before the emulator starts reading {@code stream}. */
    void readsFrom(BatchedTtyStream stream) {
        this.input = stream;
    }

    /** Whether ASCII runs take the short cut (false if the library's internals were not found). */
    boolean shortCut() {
        return graphicSets != null;
    }

    /** Whether whole-screen scrolls take the short cut (false if the library's internals were not found). */
    boolean scrollShortCut() {
        return wholeScreen != null;
    }

    /**
     * Where every line feed, and every write that wraps, scrolls the screen: the common case (the
     * cursor past the bottom of the whole screen) is done by {@link WholeScreenScroll}, leaving what
     * the library leaves; this is the one public, overridable step all of them pass through (the
     * scroll itself is private to JediTermFX's terminal). Anything else takes the library's path.
     */
    @Override
    public void scrollY() {
        WholeScreenScroll scroll = wholeScreen; // null while the library's constructor runs
        if (scroll == null) {
            super.scrollY();
            return;
        }
        buffer.lock();
        try {
            if (!scroll.scrollY(this)) {
                super.scrollY();
            }
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void writeCharacters(String string) {
        if (graphicSets == null) {
            super.writeCharacters(string);
            return;
        }
        BatchedTtyStream stream = input;
        char[] chars = stream == null ? null : stream.takePrintable(string); // known printable ASCII
        if (asciiSetInUse() && (chars != null || printable(string))) {
            // the ASCII set maps every printable character to itself: the run is copied as it is
            chars = chars != null ? chars : string.toCharArray();
            if (FIELDS != null) {
                writePrintable(chars);
                return;
            }
        } else if (ascii(string)) {
            chars = new char[string.length()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = graphicSets.map(string.charAt(i));
            }
        } else {
            super.writeCharacters(string);
            return;
        }
        try {
            WRITE_DECODED.invokeExact((JediTerminal) this, chars);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("JediTermFX's writeDecodedCharacters failed", e);
        }
    }

    /**
     * JediTermFX's {@code writeDecodedCharacters} for a run of printable ASCII, step for step, but
     * for the count of double-width characters the library makes for every run, calling a width
     * lookup for every character (a tenth of the emulator thread under the base64 feed): none is
     * below U+00A1, so the run is written as it is, as the library does when it counts none.
     */
    private void writePrintable(char[] chars) {
        TerminalFields f = FIELDS;
        buffer.lock();
        try {
            if ((boolean) f.cursorYChanged().get((JediTerminal) this) && chars.length > 0) {
                f.cursorYChanged().set((JediTerminal) this, false);
                int y = (int) f.cursorY().getVolatile((JediTerminal) this);
                if (y > 1) {
                    buffer.getLine(y - 2).setWrapped(false);
                }
            }
            // wrapLines(): the cursor past the right margin goes to the next line, marking this one wrapped
            int width = (int) f.width().get((JediTerminal) this);
            if ((int) f.cursorX().getVolatile((JediTerminal) this) >= width) {
                f.cursorX().setVolatile((JediTerminal) this, 0);
                int y = (int) f.cursorY().getVolatile((JediTerminal) this);
                buffer.getLine(y - 1).deleteCharacters(width);
                if (isAutoWrap()) {
                    buffer.getLine(y - 1).setWrapped(true);
                    f.cursorY().setVolatile((JediTerminal) this, y + 1);
                }
            }
            scrollY();
            if (chars.length != 0) {
                buffer.writeString((int) f.cursorX().getVolatile((JediTerminal) this),
                        (int) f.cursorY().getVolatile((JediTerminal) this), new CharBuffer(chars, 0, chars.length));
                f.cursorX().setVolatile((JediTerminal) this, (int) f.cursorX().getVolatile((JediTerminal) this) + chars.length);
            }
            // finishText()
            display.setCursor((int) f.cursorX().getVolatile((JediTerminal) this), (int) f.cursorY().getVolatile((JediTerminal) this));
            scrollY();
        } finally {
            buffer.unlock();
        }
    }

    /**
     * Whether the left graphic set is US ASCII with no single shift pending: then the library's
     * mapping (which boxes every character and allocates for it) leaves printable ASCII as it is.
     */
    boolean asciiSetInUse() {
        // getGL() would consume a pending single shift, so the override is checked first.
        return graphicSets.getGLOverrideIndex() < 0 && graphicSets.getGL().getDesignation() == CharacterSet.ASCII;
    }

    /** Printable ASCII only (0x20 to 0x7E): no control character, no DEL. */
    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static MethodHandle writeDecoded() {
        try {
            return MethodHandles.privateLookupIn(JediTerminal.class, MethodHandles.lookup()).findVirtual(
                    JediTerminal.class, "writeDecodedCharacters", MethodType.methodType(void.class, char[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JediTermFX writes plain text its own way (floods of output take longer): {}", e.toString());
            return null;
        }
    }

    private static GraphicSetState graphicSets(JediTerminal terminal) {
        try {
            java.lang.reflect.Field field = JediTerminal.class.getDeclaredField("myGraphicSetState");
            field.setAccessible(true);
            return (GraphicSetState) field.get(terminal);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JediTermFX writes plain text its own way (floods of output take longer): {}", e.toString());
            return null;
        }
    }
}
