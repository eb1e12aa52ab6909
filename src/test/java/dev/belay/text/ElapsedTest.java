package dev.belay.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElapsedTest {

    @Test
    void eachRangeHasOneShapeAndNothingIsRoundedUp() {
        assertThat(Elapsed.of(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Elapsed.of(Duration.ofMillis(999))).isEqualTo("999ms");
        assertThat(Elapsed.of(Duration.ofMillis(4_250))).isEqualTo("4.2s");
        assertThat(Elapsed.of(Duration.ofMillis(15_040))).isEqualTo("15s");
        assertThat(Elapsed.of(Duration.ofMillis(59_999))).isEqualTo("59.9s");
        assertThat(Elapsed.of(Duration.ofSeconds(245))).isEqualTo("4m 05s");
        assertThat(Elapsed.of(Duration.ofMillis(3_599_999))).isEqualTo("59m 59s");
        assertThat(Elapsed.of(Duration.ofSeconds(3725))).isEqualTo("1h 02m");
        assertThat(Elapsed.of(Duration.ofHours(30))).isEqualTo("30h 00m");
        assertThat(Elapsed.of(Duration.ofSeconds(-65))).isEqualTo("-1m 05s");
        assertThat(Elapsed.of(null, "–")).isEqualTo("–");
    }
}
