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
    private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-events"));

    RunJournal(String runId, RunStore store, Plan plan) {
        this.runId = runId;
        this.store = store;
        this.model = new RunModel(plan);
    }

    /** Durably records {@code event} (unless live-only), applies it, then hands it to the listeners. */
    void emit(RunEvent event) {
        synchronized (lock) {
            if (event.durable()) {
                String operator = event instanceof RunEvent.RunStarted s ? s.operator()
                        : event instanceof RunEvent.StepApproved a ? a.approver() : model.operator();
                store.append(runId, operator, event);
            }
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

    /** An event another process already stored for this run (an approval): applied and shown, not stored again. */
    void adopt(RunEvent event) {
        synchronized (lock) {
            model.apply(event);
            try {
                notifier.execute(() -> notify(event));
            } catch (RejectedExecutionException e) {
                // the run has ended; the event is in the log all the same
            }
            lock.notifyAll();
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
