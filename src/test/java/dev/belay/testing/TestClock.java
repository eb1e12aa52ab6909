package dev.belay.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move by hand ({@link #advance}) instead of sleeping, so what they assert does
 * not depend on how long anything really took. A {@link #stopped} clock reads the same until moved,
 * so a count of readings cannot change the result; a {@link #ticking} one reads one millisecond later
 * each time, so events appended in turn have distinct times.
 */
public final class TestClock extends Clock {

    /** 2026-03-01T09:00:00Z, a fixed morning, so reports made in tests read the same every time. */
    public static final Instant MORNING = Instant.parse("2026-03-01T09:00:00Z");

    private final AtomicReference<Instant> now;
    private final Duration tick;

    private TestClock(Instant start, Duration tick) {
        this.now = new AtomicReference<>(start);
        this.tick = tick;
    }

    /** A clock at {@code start} that only {@link #advance} moves. */
    public static TestClock stopped(Instant start) {
        return new TestClock(start, Duration.ZERO);
    }

    /** A clock at {@code start} that also moves one millisecond after each reading. */
    public static TestClock ticking(Instant start) {
        return new TestClock(start, Duration.ofMillis(1));
    }

    /** Stands for {@code by} passing. */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(tick));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TestClock is always UTC");
    }
}
