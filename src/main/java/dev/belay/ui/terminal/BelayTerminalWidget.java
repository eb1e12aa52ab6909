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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * without JediTermFX's copies ({@link ScreenLines}, {@link WholeScreenScroll}), plain ASCII runs skip
 * its per-character decoding ({@link BelayTerminal}), the text buffer's lock is fair, and while output floods in
 * the screen is drawn four to ten times a second rather than fifty, as often as keeps the renderer
 * within a tenth of a core ({@link JumpScroll}), the state a flood leaves at most a quarter of a
 * second after it, those under a flood by Belay's own painter ({@link FloodPainter}, one text call
 * per run instead of one per character). JediTermFX paints at most once per frame (a 50 fps
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

    /** The screen's text as the model holds it now, one line per row (read under the text buffer's lock). */
    public String screenText() {
        TerminalTextBuffer buffer = getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getScreenLines();
        } finally {
            buffer.unlock();
        }
    }

    /** When the painter draws under a flood of output. */
    JumpScroll jumpScroll() {
        return ((Panel) getTerminalPanel()).jumpScroll;
    }

    /** Belay's painter of flood frames, once the panel is initialised. */
    FloodPainter floodPainter() {
        return ((Panel) getTerminalPanel()).floodPainter;
    }

    /** Draws a flood frame now, on the FX thread, as jump scroll's next tick would: {@code false} where the library must. */
    boolean paintFloodFrame() {
        return ((Panel) getTerminalPanel()).paintFlood();
    }

    /**
     * JediTermFX's panel with copy/paste through the JavaFX clipboard and jump scroll: the emulator's
     * repaint requests (one per change of the model) go through {@link JumpScroll}, which a timeline
     * ticks as often as JediTermFX's painter runs; the FX thread's own requests (selection,
     * scrolling, resizing, focus, the cursor's blink) go straight to the painter. A frame jump scroll
     * asks for under a flood, and under a flood any the FX thread asks for, is drawn by
     * {@link FloodPainter} at the next tick where it can (the view follows the output, nothing
     * selected, found or being composed); otherwise, and for every other frame, by JediTermFX's painter.
     */
    private static final class Panel extends TerminalPanel {

        /** Set where jump scroll asks for a flood frame; taken by the next tick, cleared by a library frame. */
        private final AtomicBoolean floodFrame = new AtomicBoolean();
        private final JumpScroll jumpScroll = new JumpScroll(System::nanoTime, this::libraryFrame,
                () -> floodFrame.set(true), RendererCpu::nanos);
        private final Timeline ticks = new Timeline(new KeyFrame(Duration.millis(20), e -> tick()));
        private final SettingsProvider settings;
        private FloodPainter floodPainter;
        /** The FX application thread once known (from the constructor, init() or a tick): every other thread's repaint is a change of the model. */
        private volatile Thread fxThread;
        /** Whether an input method is composing text, which the library draws over the screen. */
        private boolean composing;

        Panel(SettingsProvider settings, TerminalTextBuffer buffer, StyleState style) {
            super(settings, buffer, style);
            this.settings = settings;
            ticks.setCycleCount(Animation.INDEFINITE);
            if (Platform.isFxApplicationThread()) {
                fxThread = Thread.currentThread(); // known before the emulator starts: no trap on its first calls
            }
        }

        private void libraryFrame() {
            floodFrame.set(false); // a later library frame wins over a flood frame not yet drawn
            super.repaint();
        }

        private void tick() {
            fxThread = Thread.currentThread();
            jumpScroll.tick();
            if (floodFrame.getAndSet(false) && !paintFlood()) {
                super.repaint();
            }
        }

        /** A flood frame by Belay's painter, or {@code false} where the library's must draw it. */
        private boolean paintFlood() {
            if (floodPainter == null || myCharSize == null || swingClientScrollOrigin != 0
                    || getSelection() != null || getFindResult() != null || composing) {
                return false;
            }
            return floodPainter.paint(myCharSize, getTerminalTextBuffer().getHeight());
        }

        @Override
        protected void processInputMethodEvent(java.awt.event.InputMethodEvent e) {
            super.processInputMethodEvent(e);
            composing = e.getCommittedCharacterCount() == 0 && e.getText() != null
                    && e.getText().getEndIndex() > e.getText().getBeginIndex();
        }

        @Override
        protected TerminalCopyPasteHandler createCopyPasteHandler() {
            return new FxClipboardHandler();
        }

        @Override
        public void init() {
            super.init();
            if (Platform.isFxApplicationThread()) {
                fxThread = Thread.currentThread();
            }
            floodPainter = new FloodPainter(getCanvas(), getTerminalTextBuffer(), settings);
            ticks.play();
        }

        @Override
        public void dispose() {
            ticks.stop();
            super.dispose();
        }

        /**
         * The cursor's place as the emulator last set it; {@code x} is -1 until then, and after any
         * other thread set it. Written and read by the emulator thread only.
         */
        private int emulatorCursorX = -1;
        private int emulatorCursorY;

        /**
         * Under a flood, the emulator's move of the cursor to where it already is goes no further:
         * a line of {@code seq} moves it four times, twice to the same place (the scroll's and then
         * the line feed's), and each move is two of the library's cursor changes, each a clock read
         * and a repaint request. The cursor stays where it is and jump scroll has its change from the
         * move before; what is skipped is the blink's restart, which under a flood restarts anyway.
         * Out of a flood, and from the FX thread, every move goes to the library.
         */
        @Override
        public void setCursor(int x, int y) {
            Thread fx = fxThread;
            if (fx == null || Thread.currentThread() == fx) {
                emulatorCursorX = -1; // the next move from the emulator goes through
                super.setCursor(x, y);
                return;
            }
            if (x == emulatorCursorX && y == emulatorCursorY && jumpScroll.isFlooding()) {
                return;
            }
            emulatorCursorX = x;
            emulatorCursorY = y;
            super.setCursor(x, y);
        }

        /**
         * The emulator's repaint requests (eleven per line of a flood: each cursor move asks twice,
         * each change of the model once) go straight to jump scroll, told from the FX thread's by
         * the thread's identity: {@code Platform.isFxApplicationThread()} takes a class-wide lock
         * ({@code Toolkit.getToolkit()} is synchronized) on every call. The FX thread's own
         * requests, and any before the FX thread is known, take {@link #repaintOther}, a method
         * of its own, so the emulator's compiled path holds none of their branches.
         */
        @Override
        public void repaint() {
            Thread fx = fxThread; // null while TerminalPanel's constructor runs (and, for a widget built off the FX thread, until init() or a tick)
            if (fx != null && Thread.currentThread() != fx) {
                jumpScroll.changed();
                return;
            }
            repaintOther();
        }

        private void repaintOther() {
            // null while TerminalPanel's constructor runs, before this class's fields are set
            if (jumpScroll == null) {
                super.repaint();
            } else if (!Platform.isFxApplicationThread()) {
                jumpScroll.changed();
            } else if (jumpScroll.isFlooding()) {
                // the library's own timers (the cursor's blink) and the FX thread's requests under a
                // flood: a flood frame where Belay's painter can draw one, at the next tick
                floodFrame.set(true);
            } else {
                super.repaint();
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
