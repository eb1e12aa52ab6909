package dev.belay.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything that happens in a run. Durable events are appended to the {@link EventSink} before
 * listeners see them; a run's state is the fold of its events ({@code RunModel.apply}), so a resumed
 * run rebuilt from the durable ones is the run that was stored.
 * Secret values never appear in an event: the engine masks them before it builds one.
 */
public sealed interface RunEvent {

    /** When it happened (engine clock). */
    Instant at();

    /** The host it concerns, or null. */
    default String host() {
        return null;
    }

    /** False for live-only events (output lines, prompts) that the audit log records in another form. */
    default boolean durable() {
        return true;
    }

    /** The run began; holds what resume needs to rebuild the plan (secret values excluded). */
    record RunStarted(Instant at, String runId, String runbookId, int revision, String contentHash,
                      String runbookPath, String inventoryPath, String environment, String operator,
                      RunMode mode, Instant windowEnd, boolean rehearsal, boolean autoConfirm,
                      Map<String, String> vars) implements RunEvent {
        public RunStarted {
            vars = Map.copyOf(vars);
        }
    }

    /** The run ended on its own terms. */
    record RunFinished(Instant at, RunStatus status, String message) implements RunEvent {
    }

    /** The operator stopped the run. */
    record RunAborted(Instant at, String reason) implements RunEvent {
    }

    /** Another operator took over. */
    record Handover(Instant at, String from, String to) implements RunEvent {
    }

    /** A step began on the hosts its selector resolved to at that moment; {@code estimateSeconds} may be null. */
    record StepStarted(Instant at, String stepId, String title, Double estimateSeconds, Phase phase, List<String> hosts) implements RunEvent {
        public StepStarted {
            hosts = List.copyOf(hosts);
        }
    }

    /** A step ended: passed or failed, with a one-line reason on failure. */
    record StepFinished(Instant at, String stepId, boolean passed, String message) implements RunEvent {
    }

    /** A step was skipped by the operator (reason required) or by its {@code when:}. */
    record StepSkipped(Instant at, String stepId, String reason, boolean byOperator) implements RunEvent {
    }

    /** The operator (or {@code --auto-confirm}) ticked a step. */
    record StepConfirmed(Instant at, String stepId, String note, boolean auto) implements RunEvent {
    }

    /**
     * Intent: appended before the command is sent. {@code purpose} is "step", "gate" or "snapshot".
     * A started command with no {@link CommandFinished} is an unknown outcome on resume.
     */
    record CommandStarted(Instant at, String stepId, String host, int attempt, String purpose,
                          String command) implements RunEvent {
    }

    /** The command's outcome: {@code outcome} is exited, timed-out, cancelled or connection-lost. */
    record CommandFinished(Instant at, String stepId, String host, int attempt, String purpose,
                           String outcome, Integer exitCode, String output, long millis) implements RunEvent {
    }

    /** One expectation checked on one host: what was expected and what was seen. */
    record ExpectationChecked(Instant at, String stepId, String host, int attempt, String expectation,
                              boolean passed, String expected, String seen) implements RunEvent {
    }

    /** A value captured on a host, usable by later steps and by {@code max(...)}/{@code min(...)}. */
    record ValueCaptured(Instant at, String stepId, String host, String name, String value) implements RunEvent {
    }

    /** A host's final result for a step (after retries). */
    record HostFinished(Instant at, String stepId, String host, boolean passed, int attempts,
                        String message) implements RunEvent {
    }

    /** The rolling loop's health gate after a batch. */
    record GateChecked(Instant at, String stepId, int batch, boolean passed, String message) implements RunEvent {
    }

    /** A snapshot kept for a host, with the unified diff against the last one of that name ("" if same). */
    record SnapshotTaken(Instant at, String stepId, String host, String name, String content,
                         String previousRunId, String diff, boolean same) implements RunEvent {
    }

    /** A monitor went up or down (its first probe counts as a transition from unknown). */
    record MonitorChanged(Instant at, String monitorId, boolean up, String detail) implements RunEvent {
    }

    /**
     * The engine reached a point of no return and will not start it until {@code required} different
     * people (the operator among them) have approved; {@code cannotUndo} says what the approvers accept.
     */
    record ApprovalRequested(Instant at, String stepId, String title, int required, String environment,
                             List<String> cannotUndo) implements RunEvent {
        public ApprovalRequested {
            cannotUndo = List.copyOf(cannotUndo);
        }
    }

    /**
     * One person approved a point of no return by typing the environment's name; stored under the
     * approver's name, from the run's own window or from another Belay on the same audit database.
     */
    record StepApproved(Instant at, String stepId, String approver, String note, boolean auto) implements RunEvent {
    }

    /** The operator's note. */
    record NoteAdded(Instant at, String text) implements RunEvent {
    }

    /** Rollback begins: its steps run next, audited as rollback. */
    record RollbackStarted(Instant at, String reason, String failedStepId) implements RunEvent {
    }

    /** The operator went on despite failed preflight checks. */
    record PreflightOverridden(Instant at, String reason, List<String> failedChecks) implements RunEvent {
        public PreflightOverridden {
            failedChecks = List.copyOf(failedChecks);
        }
    }

    /** The operator decided what an unknown outcome was. */
    record OutcomeResolved(Instant at, String stepId, String host, Resolution resolution,
                           String note) implements RunEvent {
    }

    /** A command for a host's live terminal: the UI types it, the operator confirms. */
    record TerminalRequested(Instant at, String stepId, String host, String command) implements RunEvent {
    }

    /** The window clock's warning (projection past the window end, or the last rollback point near). */
    record WindowWarning(Instant at, String warning, String message) implements RunEvent {
    }

    /** The run resumed after an interruption (a crash, a closed laptop). */
    record RunResumed(Instant at, String operator, boolean autoConfirm, List<String> unknownOutcomes)
            implements RunEvent {
        public RunResumed {
            unknownOutcomes = List.copyOf(unknownOutcomes);
        }
    }

    /** One line of a command's output, live; the whole output is durable in {@link CommandFinished}. */
    record OutputLine(Instant at, String stepId, String host, String line, boolean stderr) implements RunEvent {
        @Override
        public boolean durable() {
            return false;
        }
    }

    /** The engine hands a step to its step thread: whatever it asked the operator is settled. */
    record StepDispatched(Instant at, String stepId) implements RunEvent {
        @Override
        public boolean durable() {
            return false;
        }
    }

    /**
     * The engine waits for the operator; {@code options} are the commands it accepts now (none: the
     * run stopped by itself, and {@code prompt} says why and how it goes on).
     */
    record AwaitingOperator(Instant at, String stepId, String prompt, List<Option> options) implements RunEvent {
        public AwaitingOperator {
            options = List.copyOf(options);
        }

        @Override
        public boolean durable() {
            return false;
        }
    }

    /**
     * A step waits out a pause (a wait step, the time before the next retry or gate check) until
     * {@code countdown.until()}; live-only: the audit log has the attempts themselves.
     */
    record CountdownStarted(Instant at, String stepId, Countdown countdown) implements RunEvent {
        @Override
        public String host() {
            return countdown.host();
        }

        @Override
        public boolean durable() {
            return false;
        }
    }
}
