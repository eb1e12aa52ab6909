package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
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
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX's widget with Belay's settings, copy/paste through the JavaFX clipboard, and what
 * keeps it fast under a flood of output: the emulator (on its own thread) reads in large batches,
 * the scrollback is trimmed in chunks ({@link ScrollbackLimit}), lines are written and scrolled
 * without JediTermFX's copies ({@link ScreenLines}), plain ASCII runs skip its per-character
 * decoding ({@link BelayTerminal}), the text buffer's lock is fair, and while output floods in
 * the screen is drawn four to ten times a second rather than fifty, as often as keeps the renderer
 * within a tenth of a core ({@link JumpScroll}), the state a flood leaves at most a quarter of a
 * second after it. JediTermFX paints at most once per frame (a 50 fps
 * timeline painting when the model changed); the painter takes the text buffer's lock on the FX
 * thread.
 */
public class BelayTerminalWidget extends JediTermFxWidget {

    private static final Logger LOG = LoggerFactory.getLogger(BelayTerminalWidget.class);

    public BelayTerminalWidget(int cols, int rows) {
        super(cols, rows, new TerminalSettings());
        fairLock(getTerminalTextBuffer());
        ScrollbackLimit.install(getTerminalTextBuffer());
        ScreenLines.install(getTerminalTextBuffer());
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settings, StyleState style, TerminalTextBuffer buffer) {
        return new Panel(settings, buffer, style);
    }

    @Override
    protected JediTerminal createTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        return new BelayTerminal(display, buffer, style);
    }

    @Override
    protected TerminalStarter createTerminalStarter(JediTerminal terminal, TtyConnector connector) {
        BatchedTtyStream stream = new BatchedTtyStream(connector, getTypeAheadManager()::onTerminalStateChanged);
        if (terminal instanceof BelayTerminal belay) {
            belay.readsFrom(stream);
        }
        return new TerminalStarter(terminal, connector, stream, getTypeAheadManager(), getExecutorServiceManager());
    }

    /** When the painter draws under a flood of output. */
    JumpScroll jumpScroll() {
        return ((Panel) getTerminalPanel()).jumpScroll;
    }

    /**
     * JediTermFX's panel with copy/paste through the JavaFX clipboard and jump scroll: the emulator's
     * repaint requests (one per change of the model) go through {@link JumpScroll}, which a timeline
     * ticks as often as JediTermFX's painter runs; the FX thread's own requests (selection,
     * scrolling, resizing, focus) go straight to the painter.
     */
    private static final class Panel extends TerminalPanel {

        private final JumpScroll jumpScroll = new JumpScroll(System::nanoTime, super::repaint, RendererCpu::nanos);
        private final Timeline ticks = new Timeline(new KeyFrame(Duration.millis(20), e -> jumpScroll.tick()));

        Panel(SettingsProvider settings, TerminalTextBuffer buffer, StyleState style) {
            super(settings, buffer, style);
            ticks.setCycleCount(Animation.INDEFINITE);
        }

        @Override
        protected TerminalCopyPasteHandler createCopyPasteHandler() {
            return new FxClipboardHandler();
        }

        @Override
        public void init() {
            super.init();
            ticks.play();
        }

        @Override
        public void dispose() {
            ticks.stop();
            super.dispose();
        }

        @Override
        public void repaint() {
            // null while TerminalPanel's constructor runs, before this class's fields are set
            if (jumpScroll == null || Platform.isFxApplicationThread()) {
                super.repaint();
            } else {
                jumpScroll.changed();
            }
        }
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
