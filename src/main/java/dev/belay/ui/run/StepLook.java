package dev.belay.ui.run;

import dev.belay.text.Elapsed;
import dev.belay.engine.HostStatus;
import dev.belay.engine.StepStatus;
import java.time.Duration;
import org.kordamp.ikonli.feather.Feather;

/** How a step's or host's state looks: icon, word and CSS class (the colour), the same everywhere. */
record StepLook(Feather icon, String word, String styleClass) {

    static StepLook of(StepStatus s) {
        return switch (s) {
            case PENDING -> new StepLook(Feather.CIRCLE, "pending", "st-pending");
            case RUNNING -> new StepLook(Feather.LOADER, "running", "st-running");
            case AWAITING_CONFIRMATION -> new StepLook(Feather.CHECK_SQUARE, "to confirm", "st-confirm");
            case PASSED -> new StepLook(Feather.CHECK_CIRCLE, "passed", "st-passed");
            case FAILED -> new StepLook(Feather.X_CIRCLE, "failed", "st-failed");
            case SKIPPED -> new StepLook(Feather.SKIP_FORWARD, "skipped", "st-skipped");
            case OUTCOME_UNKNOWN -> new StepLook(Feather.HELP_CIRCLE, "outcome unknown", "st-unknown");
            case ROLLED_BACK -> new StepLook(Feather.ROTATE_CCW, "rolled back", "st-rolledback");
        };
    }

    static StepLook of(HostStatus s) {
        return switch (s) {
            case PENDING -> new StepLook(Feather.CIRCLE, "pending", "st-pending");
            case RUNNING -> new StepLook(Feather.LOADER, "running", "st-running");
            case PASSED -> new StepLook(Feather.CHECK_CIRCLE, "passed", "st-passed");
            case FAILED -> new StepLook(Feather.X_CIRCLE, "failed", "st-failed");
            case OUTCOME_UNKNOWN -> new StepLook(Feather.HELP_CIRCLE, "outcome unknown", "st-unknown");
            case NOT_TOUCHED -> new StepLook(Feather.MINUS_CIRCLE, "not touched", "st-skipped");
        };
    }

    /** Short enough for a list cell; a clock that went back shows 0. */
    static String duration(Duration d) {
        return Elapsed.of(d.isNegative() ? Duration.ZERO : d);
    }
}
