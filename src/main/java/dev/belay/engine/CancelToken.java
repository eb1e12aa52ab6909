package dev.belay.engine;

import java.util.ArrayList;
import java.util.List;

/** A one-way switch that aborts running work; callbacks registered after the switch run at once. */
public final class CancelToken {

    private final List<Runnable> callbacks = new ArrayList<>();
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

    /** Runs {@code callback} on cancel (immediately if already cancelled). */
    public void onCancel(Runnable callback) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
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
