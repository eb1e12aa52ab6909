package dev.belay.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one audit event says, typed: the one definition of every payload the log stores. Writers build
 * a record and {@link EventPayloads} turns it into the payload; readers get it back with
 * {@link AuditEvent#event()} instead of reading payload keys by name. A record's simple name is
 * stored as the payload's {@code kind}, so never rename a record or a field: runs already in the
 * log must still read (payloads of earlier versions are translated in {@link EventPayloads}).
 * {@code at} is when it happened on the writer's clock; the store's own time is {@link AuditEvent#ts()}.
 */
public sealed interface LoggedEvent {

    Instant at();

    /** The audit type it is filed under, which the store indexes. */
    EventType type();

    /** The host it concerns, or null. */
    default String host() {
        return null;
    }

    /** The run began; what resume needs to rebuild the plan (secret values are not stored). */
    record RunStarted(Instant at, String runId, String runbookId, String revision, String contentHash,
                      String runbookPath, String inventoryPath, String environment, String operator,
                      String mode, Instant windowEnd, boolean rehearsal, boolean autoConfirm,
                      Map<String, String> vars) implements LoggedEvent {
        public RunStarted {
            vars = vars == null ? Map.of() : Map.copyOf(vars);
        }

        @Override
        public EventType type() {
            return EventType.RUN_STARTED;
        }
    }

    /** The run ended on its own terms. */
    record RunFinished(Instant at, RunOutcome outcome, String message) implements LoggedEvent {
        public RunFinished {
            // Payloads of the first versions had no outcome when the run simply completed.
            outcome = outcome == null ? RunOutcome.SUCCEEDED : outcome;
        }

        @Override
        public EventType type() {
            return EventType.RUN_FINISHED;
        }
    }

    /** The operator stopped the run. */
    record RunAborted(Instant at, String reason) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.RUN_ABORTED;
        }
    }

    /** Another operator took over. */
    record Handover(Instant at, String from, String to) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.OPERATOR_HANDOVER;
        }
    }

    /** A step began; {@code phase} is PREFLIGHT, MAIN or ROLLBACK, {@code estimateSeconds} may be null. */
    record StepStarted(Instant at, String stepId, String title, Double estimateSeconds, String phase,
                       List<String> hosts) implements LoggedEvent {
        public StepStarted {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }

        @Override
        public EventType type() {
            return EventType.STEP_STARTED;
        }
    }

    /** A step ended: passed or failed, with a one-line reason on failure. */
    record StepFinished(Instant at, String stepId, boolean passed, String message) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.STEP_FINISHED;
        }
    }

    /** A host's final result for a step (after retries). */
    record HostFinished(Instant at, String stepId, String host, boolean passed, int attempts,
                        String message) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.STEP_FINISHED;
        }
    }

    /** The rolling loop's health gate after a batch. */
    record GateChecked(Instant at, String stepId, int batch, boolean passed, String message) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.STEP_FINISHED;
        }
    }

    /** A step was skipped by the operator (reason required) or by its {@code when:}. */
    record StepSkipped(Instant at, String stepId, String reason, boolean byOperator) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.STEP_SKIPPED;
        }
    }

    /** The operator (or {@code --auto-confirm}) ticked a step. */
    record StepConfirmed(Instant at, String stepId, String note, boolean auto) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.STEP_CONFIRMED;
        }
    }

    /** Intent, stored before the command is sent; {@code purpose} is step, gate or snapshot. */
    record CommandStarted(Instant at, String stepId, String host, int attempt, String purpose,
                          String command) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.COMMAND_STARTED;
        }
    }

    /**
     * A command's outcome (exited, timed-out, cancelled or connection-lost); its output is in the
     * output store under {@code outputId}, null when there was none.
     */
    record CommandFinished(Instant at, String stepId, String host, int attempt, String purpose, String outcome,
                           Integer exitCode, long millis, String outputId, String outputSha256) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.COMMAND_FINISHED;
        }
    }

    /** One expectation checked on one host; {@code outputId} names the output it was checked against, if stored. */
    record ExpectationChecked(Instant at, String stepId, String host, int attempt, String expectation,
                              boolean passed, String expected, String seen, String outputId) implements LoggedEvent {
        @Override
        public EventType type() {
            return passed ? EventType.EXPECTATION_PASSED : EventType.EXPECTATION_FAILED;
        }
    }

    /** A value captured on a host for later steps. */
    record ValueCaptured(Instant at, String stepId, String host, String name, String value) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.EXPECTATION_PASSED;
        }
    }

    /**
     * A snapshot kept for a host (content in the output store under {@code contentId}) with the unified
     * diff against the previous one of that name; {@code previousRunId} is null for the first of a series.
     */
    record SnapshotTaken(Instant at, String stepId, String host, String name, String contentId,
                         String previousRunId, String diff, boolean same) implements LoggedEvent {
        /** True for the first snapshot of its name: there was nothing to compare with. */
        public boolean first() {
            return previousRunId == null;
        }

        @Override
        public EventType type() {
            return EventType.SNAPSHOT_TAKEN;
        }
    }

    /** A monitor went up or down. */
    record MonitorChanged(Instant at, String monitorId, boolean up, String detail) implements LoggedEvent {
        @Override
        public EventType type() {
            return up ? EventType.MONITOR_UP : EventType.MONITOR_DOWN;
        }
    }

    /** The operator's note. */
    record NoteAdded(Instant at, String text) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.NOTE;
        }
    }

    /** Rollback begins. */
    record RollbackStarted(Instant at, String reason, String failedStepId) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.ROLLBACK_STARTED;
        }
    }

    /** The operator went on despite failed preflight checks. */
    record PreflightOverridden(Instant at, String reason, List<String> failedChecks) implements LoggedEvent {
        public PreflightOverridden {
            failedChecks = failedChecks == null ? List.of() : List.copyOf(failedChecks);
        }

        @Override
        public EventType type() {
            return EventType.PREFLIGHT_OVERRIDDEN;
        }
    }

    /** The operator decided what an unknown outcome was ({@code resolution}: RERUN, MARK_DONE or MARK_FAILED). */
    record OutcomeResolved(Instant at, String stepId, String host, String resolution, String note)
            implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.OUTCOME_RESOLVED;
        }
    }

    /** A point of no return waits for {@code required} people to approve; {@code cannotUndo} is what they accept. */
    record ApprovalRequested(Instant at, String stepId, String title, int required, String environment,
                             List<String> cannotUndo) implements LoggedEvent {
        public ApprovalRequested {
            cannotUndo = cannotUndo == null ? List.of() : List.copyOf(cannotUndo);
        }

        @Override
        public EventType type() {
            return EventType.APPROVAL_REQUESTED;
        }
    }

    /** One person approved a point of no return by typing the environment's name ({@code auto}: --auto-confirm). */
    record StepApproved(Instant at, String stepId, String approver, String note, boolean auto) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.STEP_APPROVED;
        }
    }

    /** A command handed to a host's live terminal for the operator to confirm. */
    record TerminalRequested(Instant at, String stepId, String host, String command) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.TERMINAL_OPENED;
        }
    }

    /** The window clock's warning. */
    record WindowWarning(Instant at, String warning, String message) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.NOTE;
        }
    }

    /** The run resumed after an interruption; {@code unknownOutcomes} are commands started but not seen to end. */
    record RunResumed(Instant at, String operator, boolean autoConfirm, List<String> unknownOutcomes)
            implements LoggedEvent {
        public RunResumed {
            unknownOutcomes = unknownOutcomes == null ? List.of() : List.copyOf(unknownOutcomes);
        }

        @Override
        public EventType type() {
            return EventType.NOTE;
        }
    }

    /** A live terminal opened on a host, recorded under {@code recordingId}. */
    record TerminalOpened(Instant at, String host, String recordingId, int cols, int rows) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.TERMINAL_OPENED;
        }
    }

    /** A live terminal closed; its recording is sealed with {@code sha256}. */
    record TerminalClosed(Instant at, String host, String recordingId, String sha256) implements LoggedEvent {
        @Override
        public EventType type() {
            return EventType.TERMINAL_CLOSED;
        }
    }

    /**
     * A payload no record here describes (a newer Belay wrote it, or it does not parse): kept as stored
     * so nothing is lost, shown by its fields.
     */
    record Other(Instant at, EventType type, String kind, Map<String, String> fields) implements LoggedEvent {
        public Other {
            fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }
}
