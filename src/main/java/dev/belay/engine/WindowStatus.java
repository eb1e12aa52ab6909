package dev.belay.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The maintenance window as of {@code now}: time left (null without a window end), the projected end
 * from the remaining steps, and the last moment a rollback still fits (null when it no longer applies).
 */
public record WindowStatus(Instant now, Instant windowEnd, Duration timeLeft, Duration remaining, Instant projectedEnd,
                           Duration rollbackDuration, Instant lastRollbackStart, List<Warning> warnings) {

    public WindowStatus {
        warnings = List.copyOf(warnings);
    }

    /** A reason to look at the clock. */
    public enum Warning {
        /** The remaining steps are projected to end after the window does. */
        PROJECTED_PAST_END,
        /** The last moment to start a rollback that still ends inside the window is near (or past). */
        ROLLBACK_POINT_NEAR
    }
}
