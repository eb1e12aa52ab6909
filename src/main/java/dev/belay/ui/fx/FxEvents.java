package dev.belay.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one place work hops onto the FX thread. Events from any thread queue up; one drain is
 * scheduled at a time, so everything that arrives while the FX thread is busy (50 hosts streaming
 * output) is handed over as one batch instead of one {@code runLater} per line.
 *
 * @param <T> the event type
 */
public final class FxEvents<T> implements Consumer<T> {

    private static final Executor FX = FxEvents::later;

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<T>> sink;
    private volatile boolean closed;

    /** @param sink receives each batch, in arrival order, on the FX thread */
    public FxEvents(Consumer<List<T>> sink) {
        this.sink = sink;
    }

    /** Queues {@code event}; safe from any thread, never blocks. */
    @Override
    public void accept(T event) {
        if (closed) {
            return;
        }
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            later(this::drain);
        }
    }

    /** Drops what is queued and ignores what comes later (the view is gone). */
    public void close() {
        closed = true;
        queue.clear();
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T e = queue.poll(); e != null; e = queue.poll()) {
            batch.add(e);
        }
        if (!batch.isEmpty() && !closed) {
            sink.accept(batch);
        }
    }

    /** An executor for {@code CompletableFuture.*Async} continuations that touch the scene graph. */
    public static Executor fxThread() {
        return FX;
    }

    private static void later(Runnable r) {
        Platform.runLater(r);
    }
}
