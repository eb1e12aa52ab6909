package dev.belay.lab.play;

import dev.belay.lab.LabClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Things that happen later on the lab clock: a host going down a few seconds after {@code reboot}
 * returned, coming back after its boot time. Events are kept in lab time, not real time, so a
 * test that moves its clock sees them fire on the next played command ({@link #advance()} runs
 * first in every {@link Cluster#dispatch}); one daemon thread polls so that they also fire while
 * nobody types (the SSH side must hear a host go down). The thread starts with the first event
 * and stops with {@link #close()}.
 */
final class Timeline implements AutoCloseable {

    private record Event(Instant at, long seq, String what, Runnable action) {
    }

    private final LabClock clock;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private long seq;
    private ScheduledExecutorService poller;
    private boolean closed;
    /** The due time of the event this thread is running: what "now" means for it, however late it fires. */
    private final ThreadLocal<Instant> firing = new ThreadLocal<>();

    Timeline(LabClock clock) {
        this.clock = clock;
    }

    /**
     * Lab time now, or, inside a firing event, the time it was due: an event that fires late (the
     * clock jumped, nobody polled) still happens at its own time, and what it schedules follows on.
     */
    Instant now() {
        Instant at = firing.get();
        return at != null ? at : clock.now();
    }

    /** Runs {@code action} once {@code after} lab time has passed. */
    synchronized void schedule(Duration after, String what, Runnable action) {
        queue.add(new Event(now().plus(after), seq++, what, action));
        if (poller == null && !closed) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lab-timeline");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::advanceQuietly, 50, 50, TimeUnit.MILLISECONDS);
        }
    }

    /** Drops every pending event whose description starts with {@code prefix}. */
    synchronized int cancel(String prefix) {
        int before = queue.size();
        queue.removeIf(e -> e.what.startsWith(prefix));
        return before - queue.size();
    }

    synchronized boolean pending(String prefix) {
        return queue.stream().anyMatch(e -> e.what.startsWith(prefix));
    }

    /** Fires every due event, earliest first; an event may schedule more (a reboot schedules the boot). */
    void advance() {
        while (true) {
            Event e;
            synchronized (this) {
                if (queue.isEmpty() || queue.peek().at.isAfter(clock.now())) {
                    return;
                }
                e = queue.poll();
            }
            // Outside the lock: actions call listeners (the SSH side) and other state.
            firing.set(e.at);
            try {
                e.action.run();
            } finally {
                firing.remove();
            }
        }
    }

    private void advanceQuietly() {
        try {
            advance();
        } catch (RuntimeException e) {
            // A failing event must not kill the poller; the next command's advance() reports it.
            System.err.println("lab: a timed event failed: " + e);
        }
    }

    synchronized void clear() {
        queue.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
