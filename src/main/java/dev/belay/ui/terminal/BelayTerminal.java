package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.emulator.charset.GraphicSetState;
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
 * handed to the library's own writing code; any other text takes the library's path. The library
 * keeps both steps private, so they are reached by reflection; if that fails (the library changed),
 * every run takes the library's path.
 */
final class BelayTerminal extends JediTerminal {

    private static final Logger LOG = LoggerFactory.getLogger(BelayTerminal.class);
    private static final MethodHandle WRITE_DECODED = writeDecoded();

    private final GraphicSetState graphicSets;

    BelayTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        super(display, buffer, style);
        this.graphicSets = WRITE_DECODED == null ? null : graphicSets(this);
    }

    /** Whether ASCII runs take the short cut (false if the library's internals were not found). */
    boolean shortCut() {
        return graphicSets != null;
    }

    @Override
    public void writeCharacters(String string) {
        if (graphicSets == null || !ascii(string)) {
            super.writeCharacters(string);
            return;
        }
        char[] chars = new char[string.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = graphicSets.map(string.charAt(i));
        }
        try {
            WRITE_DECODED.invokeExact((JediTerminal) this, chars);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("JediTermFX's writeDecodedCharacters failed", e);
        }
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
