package dev.belay.ssh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one command on many hosts with at most {@code concurrency} at once, reporting each host's
 * result as it finishes, then returning them all (in the targets' order).
 */
public final class FanOut {
    public static final int DEFAULT_CONCURRENCY = 32;

    /** Told about each host's result as soon as it finishes, on the thread that called {@link #run}. */
    @FunctionalInterface
    public interface ResultListener {
        void onResult(SshTarget target, ExecResult result);
    }

    private final SshPool pool;
    private final int concurrency;

    public FanOut(SshPool pool) {
        this(pool, DEFAULT_CONCURRENCY);
    }

    public FanOut(SshPool pool, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("fan-out concurrency must be at least 1, was " + concurrency);
        }
        this.pool = pool;
        this.concurrency = concurrency;
    }

    public Map<SshTarget, ExecResult> run(List<SshTarget> targets, String command, Duration timeout,
                                          OutputListener output, ResultListener results)
            throws InterruptedException {
        Map<SshTarget, ExecResult> all = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return all;
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(concurrency, targets.size()), r -> {
            Thread t = new Thread(r, "ssh-fanout");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<Map.Entry<SshTarget, ExecResult>> done =
                    new ExecutorCompletionService<>(workers);
            for (SshTarget target : targets) {
                done.submit(() -> Map.entry(target, pool.exec(target, command, timeout, output)));
            }
            Map<SshTarget, ExecResult> byTarget = new java.util.HashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                Map.Entry<SshTarget, ExecResult> finished = get(done.take());
                byTarget.put(finished.getKey(), finished.getValue());
                results.onResult(finished.getKey(), finished.getValue());
            }
            targets.forEach(t -> all.put(t, byTarget.get(t)));
            return all;
        } finally {
            workers.shutdownNow();
        }
    }

    private static Map.Entry<SshTarget, ExecResult> get(Future<Map.Entry<SshTarget, ExecResult>> f)
            throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // pool.exec turns every SSH failure into an outcome; anything here is a bug, so surface it.
            throw new IllegalStateException("fan-out worker failed", e.getCause());
        }
    }
}
