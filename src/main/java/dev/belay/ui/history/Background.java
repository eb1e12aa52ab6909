package dev.belay.ui.history;

import dev.belay.ui.fx.FxEvents;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one way history work leaves the FX thread and comes back: database reads and file writes
 * run on a small daemon pool, results and errors return through {@link FxEvents#fxThread()}, the
 * app's single hop onto the FX thread. Work is never cancelled by interrupt (an interrupted H2
 * write closes the database file).
 */
final class Background {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "history-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code work} off the FX thread, then {@code onFx} or {@code onError} on it. */
    <T> CompletableFuture<T> run(Callable<T> work, Consumer<T> onFx, Consumer<Throwable> onError) {
        CompletableFuture<T> done = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                T result = work.call();
                FxEvents.fxThread().execute(() -> {
                    onFx.accept(result);
                    done.complete(result);
                });
            } catch (Exception | Error e) {
                FxEvents.fxThread().execute(() -> {
                    onError.accept(e);
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    void shutdown() {
        pool.shutdown();
    }
}
