package dev.belay.lab.play;

import dev.belay.lab.LabClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Things that happen later on the lab clock: a host going down a few seconds after {@code reboot}
 * returned, coming back after its boot time, a {@code systemd-run --on-active} job. Events are kept in
 * lab time, not real time, so a test that moves its clock sees them fire on the next played command
 * ({@link #advance()} runs first in every {@link Cluster#dispatch}); one daemon thread polls so that
 * they also fire while nobody types (the SSH side must hear a host go down). The thread starts with
 * the first event and stops with {@link #close()}.
 *
 * <p>Many threads advance at once (every host's commands, the poller). Events of one description (a
 * lane: {@code power:lab-3}) run one at a time, in their order: a host's boot never overlaps the
 * power-off that scheduled it. A state change (a power event) is seen whole: an {@link #advance()}
 * that finds one running on another thread waits for it, and for what it schedules that is due, so a
 * caller never reads a host as down whose boot time has passed. A job ({@link #scheduleJob}) runs a
 * command that may take lab minutes; nobody waits for it.
 */
final class Timeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);
    /** How long an advance waits for another thread's state change before it gives up and logs it. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private record Event(Instant at, long seq, String lane, boolean job, Runnable action) {
    }

    /** The event of a lane running now: on which thread, and whether it is a job. */
    private record Flight(Thread thread, boolean job) {
    }

    private static final Comparator<Event> ORDER = Comparator.comparing(Event::at).thenComparingLong(Event::seq);

    private final LabClock clock;
    /** Pending events, earliest first (seq makes each one distinct). */
    private final TreeSet<Event> queue = new TreeSet<>(ORDER);
    /** Lane → the event of that lane that is running now. */
    private final Map<String, Flight> running = new HashMap<>();
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

    /** Changes state in lane {@code what} once {@code after} lab time has passed; it must not block on lab time. */
    void schedule(Duration after, String what, Runnable action) {
        add(after, what, false, action);
    }

    /** Runs {@code action}, which may take lab time (a played command), in lane {@code what} once {@code after} has passed. */
    void scheduleJob(Duration after, String what, Runnable action) {
        add(after, what, true, action);
    }

    private synchronized void add(Duration after, String what, boolean job, Runnable action) {
        queue.add(new Event(now().plus(after), seq++, what, job, action));
        if (poller == null && !closed) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lab-timeline");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::advanceQuietly, 50, 50, TimeUnit.MILLISECONDS);
        }
    }

    /** Drops every pending event of lane {@code lane} (the whole name: {@code power:lab-1} is not {@code power:lab-10}). */
    synchronized void cancel(String lane) {
        queue.removeIf(e -> e.lane.equals(lane));
    }

    /**
     * Fires every due event, earliest first; an event may schedule more (a reboot schedules the boot).
     * Outside an event, also waits for the state changes other threads are firing (see the class).
     */
    void advance() {
        Instant outer = firing.get();
        boolean nested = outer != null;
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            Event e;
            synchronized (this) {
                while ((e = nextDue()) == null) {
                    if (nested || closed || !othersChangingState()) {
                        return;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn("lab: a timed event on another thread has run for over {} s; not waiting for it",
                                MAX_WAIT.toSeconds());
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                queue.remove(e);
                running.put(e.lane, new Flight(Thread.currentThread(), e.job));
            }
            // Outside the lock: actions call listeners (the SSH side) and other state.
            firing.set(e.at);
            try {
                e.action.run();
            } finally {
                // A nested advance (an event's action played a command) gives back the outer event's time.
                if (nested) {
                    firing.set(outer);
                } else {
                    firing.remove();
                }
                synchronized (this) {
                    running.remove(e.lane);
                    notifyAll();
                }
            }
        }
    }

    /** The earliest due event whose lane is not running, or null. */
    private Event nextDue() {
        Instant now = clock.now();
        for (Event e : queue) {
            if (e.at.isAfter(now)) {
                return null;
            }
            if (!running.containsKey(e.lane)) {
                return e;
            }
        }
        return null;
    }

    private boolean othersChangingState() {
        Thread me = Thread.currentThread();
        return running.values().stream().anyMatch(f -> !f.job && f.thread != me);
    }

    private void advanceQuietly() {
        try {
            advance();
        } catch (RuntimeException e) {
            // A failing event must not kill the poller; the next command's advance() reports it.
            LOG.warn("lab: a timed event failed: {}", e.toString());
        }
    }

    synchronized void clear() {
        queue.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
