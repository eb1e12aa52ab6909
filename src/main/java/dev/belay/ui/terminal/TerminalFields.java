package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.model.JediTerminal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX's terminal keeps its cursor, width and scroll region in private fields, which Belay's
 * short cuts ({@link BelayTerminal}, {@link WholeScreenScroll}) read and set as the library's own
 * code does (the cursor's fields are volatile there, so they are read and set as volatile here).
 * Found once; {@link #find} returns null if any is missing (the library changed), and the short cuts
 * are then off.
 */
record TerminalFields(VarHandle cursorX, VarHandle cursorY, VarHandle cursorYChanged, VarHandle width,
        VarHandle regionTop, VarHandle regionBottom) {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalFields.class);
    private static final TerminalFields FOUND = lookUp();

    /** The fields, or null if JediTermFX's terminal does not have them. */
    static TerminalFields find() {
        return FOUND;
    }

    private static TerminalFields lookUp() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(JediTerminal.class, MethodHandles.lookup());
            return new TerminalFields(
                    lookup.findVarHandle(JediTerminal.class, "myCursorX", int.class),
                    lookup.findVarHandle(JediTerminal.class, "myCursorY", int.class),
                    lookup.findVarHandle(JediTerminal.class, "myCursorYChanged", boolean.class),
                    lookup.findVarHandle(JediTerminal.class, "myTerminalWidth", int.class),
                    lookup.findVarHandle(JediTerminal.class, "myScrollRegionTop", int.class),
                    lookup.findVarHandle(JediTerminal.class, "myScrollRegionBottom", int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JediTermFX's terminal fields not found, its own code writes and scrolls (floods of output take longer): {}",
                    e.toString());
            return null;
        }
    }
}
