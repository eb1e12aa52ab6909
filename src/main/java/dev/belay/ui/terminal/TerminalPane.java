package dev.belay.ui.terminal;

import dev.belay.ssh.exec.PtyShell;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ui.fx.FxEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.scene.layout.Pane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live terminal on one host: a JediTermFX widget over an SSH PTY shell, recorded to the audit
 * log. Create it on the FX thread; the shell opens on {@code io}, never on the FX thread.
 */
public final class TerminalPane {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalPane.class);
    static final int COLS = 120;
    static final int ROWS = 32;

    private final String host;
    private final BelayTerminalWidget widget = new BelayTerminalWidget(COLS, ROWS);
    private final Executor io;
    private final CompletableFuture<Opened> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Consumer<byte[]> typedRoute = this::send;
    private volatile Consumer<String> outputTap;

    /** What exists once the shell is open. */
    private record Opened(PtyShell shell, SessionRecord record, ShellTtyConnector connector) { }

    TerminalPane(String host, Executor io) {
        this.host = host;
        this.io = io;
    }

    /** Opens the shell in the background and attaches it to the widget on the FX thread. */
    CompletableFuture<TerminalPane> open(SshPool pool, SshTarget target, TerminalAudit audit) {
        return open(pool, target, audit, () -> null);
    }

    /**
     * As {@link #open(SshPool, SshTarget, TerminalAudit)}; the recording starts with a marker for
     * the step under way then ({@code currentStep} gives its label, or null before the first step).
     */
    CompletableFuture<TerminalPane> open(SshPool pool, SshTarget target, TerminalAudit audit,
            java.util.function.Supplier<String> currentStep) {
        int cols = widget.getTerminalTextBuffer().getWidth();
        int rows = widget.getTerminalTextBuffer().getHeight();
        CompletableFuture.supplyAsync(() -> {
            PtyShell shell;
            try {
                shell = pool.openShell(target, cols, rows);
            } catch (IOException e) {
                throw new TerminalException("Cannot open a terminal on " + host + ": " + e.getMessage(), e);
            }
            try {
                SessionRecord record = SessionRecord.open(audit, host, cols, rows);
                String step = currentStep.get();
                if (step != null) {
                    record.marker(step);
                }
                return new Opened(shell, record, new ShellTtyConnector(shell, text -> output(record, text),
                        bytes -> typedRoute.accept(bytes), () -> ended(record)));
            } catch (RuntimeException e) {
                shell.close();
                throw e;
            }
        }, io).whenCompleteAsync(this::attach, FxEvents.fxThread());
        return opened.thenApply(o -> this);
    }

    private void attach(Opened o, Throwable error) {
        if (error != null) {
            opened.completeExceptionally(error.getCause() != null ? error.getCause() : error);
            return;
        }
        if (!closing.get()) { // else closed while connecting: close() ends the session
            widget.setTtyConnector(o.connector());
            widget.start();
        }
        opened.complete(o);
    }

    public String host() {
        return host;
    }

    /** The widget's pane, for the scene graph. */
    public Pane node() {
        return widget.getPane();
    }

    public BelayTerminalWidget widget() {
        return widget;
    }

    /** Completes when the shell is open, or exceptionally with the reason it could not be. */
    public CompletableFuture<TerminalPane> whenOpen() {
        return opened.thenApply(o -> this);
    }

    /** Completes once the session ended and TERMINAL_CLOSED is in the audit log. */
    public CompletableFuture<Void> whenClosed() {
        return closed;
    }

    /** The recording's id in the audit store, once open. */
    public String recordingId() {
        return opened.join().record().recordingId();
    }

    /** Marks a step boundary in this terminal's recording; a terminal still connecting starts with it instead. */
    void marker(String label) {
        Opened o = opened.getNow(null);
        if (o != null) {
            o.record().marker(label);
        }
    }

    /** Types {@code command} and Enter, as if the operator had (recorded as input). */
    public CompletableFuture<Void> type(String command) {
        byte[] bytes = (command + "\r").getBytes(StandardCharsets.UTF_8);
        return opened.thenAcceptAsync(o -> send(bytes), io);
    }

    /** Sends keystrokes to this host's shell and the recording; not on the FX thread. */
    void send(byte[] bytes) {
        Opened o = opened.getNow(null);
        if (o == null || !o.connector().isConnected()) {
            return;
        }
        o.record().input(new String(bytes, StandardCharsets.UTF_8));
        try {
            o.shell().write(bytes);
        } catch (IOException e) {
            LOG.warn("Cannot send keystrokes to {}: {}", host, e.getMessage());
        }
    }

    /** On the reader thread: to the recording, and to a broadcast's capture while one listens. */
    private void output(SessionRecord record, String text) {
        record.output(text);
        Consumer<String> tap = outputTap;
        if (tap != null) {
            tap.accept(text);
        }
    }

    /** Also hands this host's output to {@code tap} (a broadcast capture), or stops when null. */
    void tapOutput(Consumer<String> tap) {
        this.outputTap = tap;
    }

    /** Where the operator's keystrokes go (this host alone, or a broadcast). */
    void routeTypingTo(Consumer<byte[]> route) {
        this.typedRoute = route;
    }

    /** Frames the emulator asked of the painter so far, through jump scroll (for the terminal benchmark). */
    public long framesAsked() {
        return widget.jumpScroll().frames();
    }

    /** Frames Belay's flood painter drew so far, of those asked (for the terminal benchmark). */
    public long floodFramesDrawn() {
        FloodPainter painter = widget.floodPainter();
        return painter == null ? 0 : painter.frames();
    }

    /**
     * Whether jump scroll holds a change back for the end of its window, i.e. the model is ahead of
     * what was asked of the painter (for the terminal benchmark: when a flood's end is drawn).
     */
    public boolean holdsFrameBack() {
        return widget.jumpScroll().holdsBack();
    }

    /** The visible screen as text (for tests and the "copy screen" action). */
    public String screenText() {
        return widget.screenText();
    }

    /** Closes the widget and the shell; the audit work happens in the background. Idempotent. */
    public CompletableFuture<Void> close() {
        if (closing.compareAndSet(false, true)) {
            widget.close();
            opened.whenComplete((o, error) -> {
                if (o != null) {
                    io.execute(() -> o.connector().close());
                } else {
                    closed.complete(null);
                }
            });
        }
        return closed;
    }

    /** Called once by the connector, on a JediTerm or io thread, when the shell ended. */
    private void ended(SessionRecord record) {
        record.finish().whenComplete((v, e) -> {
            if (e == null) {
                closed.complete(null);
            } else {
                closed.completeExceptionally(e);
            }
        });
    }
}
