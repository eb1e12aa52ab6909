package dev.belay.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wall clock that moves only when a run sleeps through {@link #sleeper()}: a command's own real
 * time counts for nothing, so how many retry attempts fit a window is exact, however loaded the
 * machine is. Readings do not tick (unlike {@code ManualClock}), so the count does not depend on
 * how often the engine reads the time either.
 */
final class SimulatedTime extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:00:00Z"));

    /** A sleeper for {@link Pacing} that passes the asked time at once (false if already cancelled). */
    Pacing.Sleeper sleeper() {
        return (cancel, realMillis) -> {
            if (cancel.isCancelled()) {
                return false;
            }
            now.updateAndGet(t -> t.plus(Duration.ofMillis(realMillis)));
            return true;
        };
    }

    /** Speed-1 pacing on this clock. */
    Pacing pacing() {
        return new Pacing(this, () -> 1.0, sleeper());
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a SimulatedTime is always UTC");
    }
}
