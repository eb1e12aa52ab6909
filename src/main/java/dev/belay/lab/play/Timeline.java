package dev.belay.lab.play;

import dev.belay.lab.LabClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    Timeline(LabClock clock) {
        this.clock = clock;
    }

    /** Runs {@code action} once {@code after} lab time has passed. */
    synchronized void schedule(Duration after, String what, Runnable action) {
        queue.add(new Event(clock.now().plus(after), seq++, what, action));
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

    /** Fires every due event, in order; an event may schedule more (a reboot schedules the boot). */
    void advance() {
        while (true) {
            List<Event> due = new ArrayList<>();
            synchronized (this) {
                Instant now = clock.now();
                while (!queue.isEmpty() && !queue.peek().at.isAfter(now)) {
                    due.add(queue.poll());
                }
            }
            if (due.isEmpty()) {
                return;
            }
            // Outside the lock: actions call listeners (the SSH side) and other state.
            due.forEach(e -> e.action.run());
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
