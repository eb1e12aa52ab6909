package dev.belay.engine;

import java.util.Collection;

/**
 * Where run events go first: {@link #append} returns only once the event is durable, so the
 * engine can act on "intent before act" (a command's start is stored before it is sent).
 */
public interface EventSink {

    /**
     * Durably appends {@code event} for {@code runId}, attributed to {@code operator}.
     *
     * @throws EventSinkException when the event could not be stored; the engine stops the run
     */
    void append(String runId, String operator, RunEvent event);

    /**
     * Queues {@code event} to be appended after everything submitted before it and returns at once;
     * {@link Durable#await()} returns once it is stored. Stores that commit many queued events
     * together (group commit) override this; the default appends now.
     */
    default Durable submit(String runId, String operator, RunEvent event) {
        append(runId, operator, event);
        return () -> { };
    }

    /**
     * Queues {@code events} to be appended together (one transaction where the store commits in
     * groups), in this order, after everything submitted before them. The default submits each.
     */
    default Durable submitAll(String runId, String operator, java.util.List<RunEvent> events) {
        java.util.List<Durable> each = new java.util.ArrayList<>(events.size());
        for (RunEvent e : events) {
            each.add(submit(runId, operator, e));
        }
        return () -> each.forEach(Durable::await);
    }

    /** An event on its way into the store. */
    @FunctionalInterface
    interface Durable {
        /** Blocks until the event is stored; throws {@link EventSinkException} if it could not be. */
        void await();
    }

    /** Values to mask wherever they would be stored (secret vars); called before any event of the run. */
    void registerSecrets(Collection<String> values);

    /** Thrown when an event cannot be stored. */
    final class EventSinkException extends RuntimeException {
        public EventSinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
