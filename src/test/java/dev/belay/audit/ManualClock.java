package dev.belay.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand instead of sleeping: every reading is one millisecond after the last
 * (so events appended in turn have distinct times), and {@link #advance} stands for time passing.
 */
public final class ManualClock extends Clock {
    private static final Duration TICK = Duration.ofMillis(1);
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Starts at 2026-03-01T09:00:00Z, a fixed morning, so reports made in tests read the same every time. */
    public static ManualClock morning() {
        return new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(TICK));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a ManualClock is always UTC");
    }
}
