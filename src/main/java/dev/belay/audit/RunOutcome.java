package dev.belay.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended, as its events tell it; stored in lower case ({@code "rolled_back"}). */
public enum RunOutcome {
    SUCCEEDED, FAILED, ROLLED_BACK, ABORTED,
    /** No end event: still running, or the process died (resume shows it as such). */
    UNFINISHED;

    /**
     * The one word for this outcome everywhere people read it: History, reports, the CLI and the run
     * window ("Succeeded", "Rolled back"). Change it here, nowhere else.
     */
    public String label() {
        return switch (this) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case ROLLED_BACK -> "Rolled back";
            case ABORTED -> "Aborted";
            case UNFINISHED -> "Unfinished";
        };
    }

    /** The stored form. */
    @JsonValue
    public String stored() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads the {@code outcome} field of a RUN_FINISHED payload; anything unknown counts as failed. */
    @JsonCreator
    static RunOutcome ofFinished(String outcome) {
        return switch (outcome.toLowerCase()) {
            case "succeeded", "success", "ok", "" -> SUCCEEDED;
            case "rolled_back", "rolled-back" -> ROLLED_BACK;
            case "aborted" -> ABORTED;
            case "unfinished" -> UNFINISHED;
            default -> FAILED;
        };
    }
}
