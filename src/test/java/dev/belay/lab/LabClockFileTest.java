package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab clock published beside the inventory reads, in another process, as the lab's own clock. */
class LabClockFileTest {

    @TempDir
    Path dir;

    @Test
    void aRunInAnotherProcessReadsTheLabsTimeAndSpeed() throws IOException {
        LabClock lab = LabClock.speeded(600);
        LabClockFile.write(dir, lab);

        LabClock read = LabClockFile.beside(dir.resolve("inventory.yaml")).orElseThrow();

        assertThat(read.speed()).isEqualTo(600.0);
        // both clocks read at (almost) the same real moment: the same lab time, give or take the
        // few real milliseconds between the reads (seconds of lab time at speed 600)
        Duration apart = Duration.between(read.now(), lab.now()).abs();
        assertThat(apart).isLessThan(Duration.ofMinutes(5));
        assertThat(read.asClock().instant()).isAfterOrEqualTo(read.now().minusSeconds(1));
    }

    @Test
    void anInventoryOfRealHostsHasNoLabClock() throws IOException {
        assertThat(LabClockFile.beside(dir.resolve("production.yaml"))).isEmpty();
    }

    @Test
    void aMangledFileIsNamedWithTheFix() throws IOException {
        Files.writeString(dir.resolve("lab-clock"), "speed=fast\n");
        assertThatThrownBy(() -> LabClockFile.beside(dir.resolve("inventory.yaml")))
                .isInstanceOf(IOException.class).hasMessageContaining("lab-clock").hasMessageContaining("belay lab start");
    }
}
