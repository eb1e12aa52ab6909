package dev.belay.ui.fx;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one way desktop work leaves the FX thread: named daemon threads, results and errors handed
 * back through {@link FxEvents#fxThread()} (the app's single hop onto the FX thread), and a task
 * that throws is logged, never swallowed by an executor. Work is never cancelled by interrupt:
 * {@link #close()} lets queued work finish (an interrupted H2 write closes the database file for
 * everyone, and JediTerm's reader threads end when their connection closes).
 */
public final class Background implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Background.class);

    private final String name;
    private final ExecutorService pool;

    private Background(String name, ExecutorService pool) {
        this.name = name;
        this.pool = pool;
    }

    /** One thread: tasks run one at a time, in the order given (loading, audit writes, a view's state reads). */
    public static Background serial(String name) {
        return new Background(name, new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads(name)));
    }

    /** Up to {@code threads} tasks at once (independent database reads). */
    public static Background pool(String name, int threads) {
        return new Background(name, new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads(name)));
    }

    /** A thread per blocking task, reused when idle (one per open terminal: each blocks reading its shell). */
    public static Background elastic(String name) {
        return new Background(name, new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(name)));
    }

    /** For APIs that take an {@link Executor} ({@code CompletableFuture.*Async}, JavaFX {@code Task}s). */
    public Executor executor() {
        return this::execute;
    }

    /** Runs {@code task} off the FX thread; a throw is logged with this background's name. */
    public void execute(Runnable task) {
        pool.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("background task on '{}' failed", name, e); // logged, and the thread lives on
            }
        });
    }

    /** {@code work} off the FX thread; the future completes on this background's thread. */
    public <T> CompletableFuture<T> supply(Callable<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    done.complete(work.call());
                } catch (Exception | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("'" + name + "' is closed", e));
        }
        return done;
    }

    /** Runs {@code work} off the FX thread, then {@code onFx} or {@code onError} on it. */
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<T> onFx, Consumer<Throwable> onError) {
        CompletableFuture<T> done = new CompletableFuture<>();
        supply(work).whenCompleteAsync((result, e) -> {
            if (e == null) {
                onFx.accept(result);
                done.complete(result);
            } else {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                onError.accept(cause);
                done.completeExceptionally(cause);
            }
        }, FxEvents.fxThread());
        return done;
    }

    /** Runs {@code task} here after {@code delay}; false when this background is closed. */
    public boolean later(Duration delay, Runnable task) {
        if (pool.isShutdown()) {
            return false;
        }
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, r -> {
            try {
                execute(r);
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the view that asked is gone
            }
        }).execute(task);
        return true;
    }

    public boolean isClosed() {
        return pool.isShutdown();
    }

    /** Takes no new work; what is queued still runs, nothing is interrupted. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** The one thread factory of the desktop: daemon threads named after their background. */
    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory base = Executors.defaultThreadFactory();
        return r -> {
            Thread t = base.newThread(r);
            t.setName(name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
