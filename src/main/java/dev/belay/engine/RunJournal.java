package dev.belay.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's record keeper: an event goes to the store first (durable), then into the state, then to
 * listeners, in order, on one listener thread. All access to the state goes through here, under one lock.
 */
final class RunJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);

    private final String runId;
    private final RunStore store;
    private final RunModel model;
    private final Object lock = new Object();
    // Order of emits: tickets issued under lock, applied in ticket order under turns (see emit).
    // Each waiting thread waits on a condition of its own, so passing a turn wakes only the thread
    // whose turn it is: with 32 host threads in a burst, 32 wake-ups instead of one per waiter per turn.
    private final ReentrantLock turns = new ReentrantLock();
    private final Map<Long, Condition> waiting = new HashMap<>(); // by ticket, guarded by turns
    private long issued;
    private long applied; // guarded by turns
    private long wakeupsOutOfTurn; // guarded by turns
    private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-events"));

    RunJournal(String runId, RunStore store, Plan plan) {
        this.runId = runId;
        this.store = store;
        this.model = new RunModel(plan);
    }

    /**
     * Durably records {@code event} (unless live-only), applies it, then hands it to the listeners.
     * The append is queued under the lock (fixing its place in the log) but waited for outside it,
     * so events of many host threads share one commit (group commit in the store); a ticket then
     * applies them in that same order, and only once stored.
     */
    void emit(RunEvent event) {
        emitAll(List.of(event));
    }

    /**
     * As {@link #emit} for several events of the run's operator (a step's intents for all its hosts):
     * the durable ones go to the store in one commit, and all are applied in this order, in one turn.
     */
    void emitAll(List<RunEvent> events) {
        long ticket;
        EventSink.Durable stored = null;
        RuntimeException failure = null;
        synchronized (lock) {
            ticket = issued++;
            List<RunEvent> durable = events.stream().filter(RunEvent::durable).toList();
            if (!durable.isEmpty()) {
                RunEvent event = durable.get(0);
                String operator = event instanceof RunEvent.RunStarted s ? s.operator()
                        : event instanceof RunEvent.StepApproved a ? a.approver() : model.operator();
                try {
                    stored = store.submitAll(runId, operator, durable);
                } catch (RuntimeException e) {
                    failure = e; // still takes its turn below, or every later event would wait forever
                }
            }
        }
        if (stored != null) {
            try {
                stored.await();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        waitForTurn(ticket);
        try {
            if (failure == null) {
                events.forEach(this::apply);
            }
        } finally {
            passTurn();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * An event another process already stored for this run (an approval from another Belay): applied
     * and shown in its turn, not stored again.
     */
    void adopt(RunEvent event) {
        long ticket;
        synchronized (lock) {
            ticket = issued++;
        }
        waitForTurn(ticket);
        try {
            apply(event);
        } finally {
            passTurn();
        }
    }

    private void apply(RunEvent event) {
        synchronized (lock) {
            model.apply(event);
            try {
                notifier.execute(() -> notify(event));
            } catch (RejectedExecutionException e) {
                // the run has ended and its listeners are gone; the event is stored all the same
            }
            if (!(event instanceof RunEvent.OutputLine)) {
                // output lines change no state: waking every waiter for each of them would be waste
                lock.notifyAll();
            }
        }
    }

    private void waitForTurn(long ticket) {
        turns.lock();
        try {
            if (applied == ticket) {
                return;
            }
            Condition mine = turns.newCondition();
            waiting.put(ticket, mine);
            try {
                while (applied != ticket) {
                    // uninterruptibly: the events before must still be applied first; a cancel comes
                    // after (the interrupt stays set for the caller)
                    mine.awaitUninterruptibly();
                    if (applied != ticket) {
                        wakeupsOutOfTurn++;
                    }
                }
            } finally {
                waiting.remove(ticket);
            }
        } finally {
            turns.unlock();
        }
    }

    private void passTurn() {
        turns.lock();
        try {
            applied++;
            Condition next = waiting.get(applied);
            if (next != null) {
                next.signal();
            }
        } finally {
            turns.unlock();
        }
    }

    /** How often a thread waiting for its turn woke while it was not yet its turn (for tests). */
    long wakeupsOutOfTurn() {
        turns.lock();
        try {
            return wakeupsOutOfTurn;
        } finally {
            turns.unlock();
        }
    }

    private void notify(RunEvent event) {
        for (Consumer<RunEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("run {}: a listener failed on {}: {}", runId, event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Applies stored events without recording them again (the resume event then flags what was caught mid-flight). */
    void replay(List<RunEvent> events) {
        synchronized (lock) {
            events.forEach(model::apply);
            lock.notifyAll();
        }
    }

    <T> T read(Function<RunModel, T> query) {
        synchronized (lock) {
            return query.apply(model);
        }
    }

    RunState snapshot() {
        return read(RunModel::snapshot);
    }

    RunState await(Predicate<RunState> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                RunState s = model.snapshot();
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (condition.test(s) || left <= 0) {
                    return s;
                }
                lock.wait(left);
            }
        }
    }

    void addListener(Consumer<RunEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<RunEvent> listener) {
        listeners.remove(listener);
    }

    /** Listeners get what is queued, then nothing more. */
    void close() {
        notifier.shutdown();
    }
}
