package dev.belay.engine;

/** A step's state as the UI shows it. */
public enum StepStatus {
    PENDING, RUNNING, AWAITING_CONFIRMATION, PASSED, FAILED, SKIPPED, OUTCOME_UNKNOWN, ROLLED_BACK;

    /** True when the run may move past this step. */
    public boolean done() {
        return this == PASSED || this == SKIPPED || this == ROLLED_BACK;
    }
}
