package dev.belay.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A monitor's state: {@code up} is null before its first probe. {@code downtime} counts closed
 * down periods; {@link #downtime(Instant)} adds the open one.
 */
public record MonitorState(String id, String target, Boolean up, Instant since, Duration downtime, Instant downSince,
                           int downs, String detail) {

    public Duration downtime(Instant now) {
        return downSince == null ? downtime : downtime.plus(Duration.between(downSince, now));
    }
}
