package dev.belay.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
    // Order of emits: issued under lock, applied under turns (see emit).
    private final Object turns = new Object();
    private long issued;
    private long applied;
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
        boolean interrupted = false;
        synchronized (turns) {
            while (applied != ticket) {
                try {
                    turns.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the events before must still be applied first; cancel comes after
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void passTurn() {
        synchronized (turns) {
            applied++;
            turns.notifyAll();
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
