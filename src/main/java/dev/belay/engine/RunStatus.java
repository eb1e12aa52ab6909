package dev.belay.engine;

import dev.belay.audit.RunOutcome;

/**
 * Where a run stands as a whole. A failed step does not end a run (the operator decides what
 * follows): a run ends completed, rolled back or aborted.
 */
public enum RunStatus {
    NOT_STARTED, RUNNING, WAITING_FOR_OPERATOR, COMPLETED, ROLLED_BACK, ABORTED;

    /** True once the run can no longer go on. */
    public boolean ended() {
        return this == COMPLETED || this == ROLLED_BACK || this == ABORTED;
    }

    /** How the audit log, History and the reports call this end; {@link RunOutcome#UNFINISHED} while it goes on. */
    public RunOutcome outcome() {
        return switch (this) {
            case COMPLETED -> RunOutcome.SUCCEEDED;
            case ROLLED_BACK -> RunOutcome.ROLLED_BACK;
            case ABORTED -> RunOutcome.ABORTED;
            default -> RunOutcome.UNFINISHED;
        };
    }

    /**
     * The word the run window and the CLI show: an ended run by its outcome's one label
     * ({@link RunOutcome#label()}, the same word History and the reports use).
     */
    public String label() {
        return switch (this) {
            case NOT_STARTED -> "Starting";
            case RUNNING -> "Running";
            case WAITING_FOR_OPERATOR -> "Waiting for you";
            default -> outcome().label();
        };
    }
}
