package dev.belay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.audit.SecretMasker;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window end and the secret rule the CLI and the desktop share. */
class WindowEndAndSecretsTest {

    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    @Test
    void aTimeOfDayIsLocalTimeTodayOrTomorrowAndAnInstantNeedsItsOffset() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(WindowEnd.parse("23:30", NOW, paris)).isEqualTo(Instant.parse("2026-11-25T22:30:00Z"));
        assertThat(WindowEnd.parse("20:30", NOW, paris)).isEqualTo(Instant.parse("2026-11-26T19:30:00Z"));
        assertThat(WindowEnd.parse("2026-11-25T23:00:00Z", NOW, paris, "--window-end"))
                .isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
        assertThatThrownBy(() -> WindowEnd.parse("2026-11-25T23:00", NOW, paris, "--window-end"))
                .hasMessageContaining("--window-end").hasMessageContaining("offset").hasMessageContaining("Europe/Paris");
        assertThatThrownBy(() -> WindowEnd.parse("11pm", NOW, ZoneOffset.UTC)).hasMessageContaining("HH:MM in local time");
        assertThat(WindowEnd.describe(Instant.parse("2026-11-25T22:30:00Z"), paris))
                .isEqualTo("ends Wed 23:30 local time (Europe/Paris)");
    }

    @Test
    void aSecretShorterThanFourCharactersIsRefusedAndLongerOnesAreMaskedEverywhere() {
        assertThat(SecretValues.problem("token", "x")).contains("1 character long").contains("at least 4");
        assertThat(SecretValues.problem("token", "abc")).contains("3 characters");
        assertThat(SecretValues.problem("token", "abcd")).isNull();
        SecretMasker m = SecretMasker.of(List.of("s3cr"));
        assertThat(m.mask("s3cr exit s3cr; s3cret")).isEqualTo("****** exit ******; ******et");
    }
}
