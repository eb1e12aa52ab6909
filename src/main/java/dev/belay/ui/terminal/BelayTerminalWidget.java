package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalStarter;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import com.techsenger.jeditermfx.ui.TerminalPanel;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX's widget with Belay's settings, copy/paste through the JavaFX clipboard, and what
 * keeps it fast under a flood of output: the emulator (on its own thread) reads in large batches,
 * the scrollback is trimmed in chunks ({@link ScrollbackLimit}), and the text buffer's lock is fair.
 * JediTermFX already paints at most once per frame (a 50 fps timeline painting when the model
 * changed); the painter takes the text buffer's lock on the FX thread.
 */
public class BelayTerminalWidget extends JediTermFxWidget {

    private static final Logger LOG = LoggerFactory.getLogger(BelayTerminalWidget.class);

    public BelayTerminalWidget(int cols, int rows) {
        super(cols, rows, new TerminalSettings());
        fairLock(getTerminalTextBuffer());
        ScrollbackLimit.install(getTerminalTextBuffer());
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settings, StyleState style, TerminalTextBuffer buffer) {
        return new TerminalPanel(settings, buffer, style) {
            @Override
            protected TerminalCopyPasteHandler createCopyPasteHandler() {
                return new FxClipboardHandler();
            }
        };
    }

    @Override
    protected TerminalStarter createTerminalStarter(JediTerminal terminal, TtyConnector connector) {
        return new TerminalStarter(terminal, connector,
                new BatchedTtyStream(connector, getTypeAheadManager()::onTerminalStateChanged), getTypeAheadManager(),
                getExecutorServiceManager());
    }

    /**
     * JediTermFX guards its text buffer with an unfair lock, taken by the emulator for every write
     * and by the painter for every frame. Under a flood the emulator releases it and takes it again
     * before the waiting FX thread wakes up, and the FX thread stalled for seconds. A fair lock hands
     * it to the painter at the emulator's next release: the FX thread waits for one write, not a flood.
     * The library offers no way to choose its lock, so the field is replaced here, before any thread
     * but this one has used it; if that ever fails (the library changed), the unfair lock stays and works.
     */
    private static void fairLock(TerminalTextBuffer buffer) {
        try {
            java.lang.reflect.Field lock = TerminalTextBuffer.class.getDeclaredField("myLock");
            lock.setAccessible(true);
            lock.set(buffer, new ReentrantLock(true));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JediTermFX's text buffer keeps its unfair lock (the FX thread may stall under floods of output): {}",
                    e.toString());
        }
    }
}
