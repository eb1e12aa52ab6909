package dev.belay.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The two kinds of hand-moved test clock: a stopped one reads the same until moved, a ticking one a millisecond on. */
class TestClockTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aStoppedClockMovesOnlyWhenAdvanced() {
        TestClock clock = TestClock.stopped(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        clock.advance(Duration.ofMinutes(5));
        clock.advanceMillis(250);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300).plusMillis(250));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(300).plusMillis(250).toEpochMilli());
    }

    @Test
    void aTickingClockReadsOneMillisecondLaterEachTime() {
        TestClock clock = TestClock.ticking(TestClock.MORNING);
        assertThat(clock.instant()).isEqualTo(TestClock.MORNING);
        assertThat(clock.instant()).isEqualTo(TestClock.MORNING.plusMillis(1));
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(TestClock.MORNING.plusMillis(2).plusSeconds(90));
    }

    @Test
    void itIsUtcOnly() {
        TestClock clock = TestClock.stopped(START);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> clock.withZone(ZoneOffset.ofHours(1))).isInstanceOf(UnsupportedOperationException.class);
    }
}
