package dev.belay.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A one-way switch that aborts running work; callbacks registered after the switch run at once.
 * One token lives as long as its run and sees every command of it, so each registration is released
 * when its command ends ({@link Registration#close()}): a token that kept them would keep every
 * finished command, and its output buffers, for the whole window.
 */
public final class CancelToken {

    /** Undoes one {@link #onCancel} registration; idempotent. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<Runnable> callbacks = new LinkedHashSet<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            notifyAll();
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code callback} on cancel (immediately if already cancelled) unless the returned
     * registration is closed first. Each call registers anew, even for an equal callback.
     */
    public Registration onCancel(Runnable callback) {
        Runnable own = callback::run; // a fresh identity: closing removes this registration only
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(own);
                return () -> {
                    synchronized (this) {
                        callbacks.remove(own);
                    }
                };
            }
        }
        callback.run();
        return () -> { };
    }

    /** How many callbacks wait for a cancel (for tests: registrations must not pile up). */
    synchronized int registered() {
        return callbacks.size();
    }

    /** Sleeps up to {@code millis}, returning early (false) when cancelled. */
    public boolean sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        synchronized (this) {
            while (!cancelled) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return true;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }
}
