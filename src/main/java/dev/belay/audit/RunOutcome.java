package dev.belay.audit;

/** How a run ended, as its events tell it. */
public enum RunOutcome {
    SUCCEEDED, FAILED, ROLLED_BACK, ABORTED,
    /** No end event: still running, or the process died (resume shows it as such). */
    UNFINISHED;

    /** Reads the {@code outcome} field of a RUN_FINISHED payload; anything unknown counts as failed. */
    static RunOutcome ofFinished(String outcome) {
        return switch (outcome.toLowerCase()) {
            case "succeeded", "success", "ok", "" -> SUCCEEDED;
            case "rolled_back", "rolled-back" -> ROLLED_BACK;
            case "aborted" -> ABORTED;
            default -> FAILED;
        };
    }
}
