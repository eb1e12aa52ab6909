package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
        // The same anchors on the same wall clock: read between two readings of the lab's own clock,
        // the copy's time lies between them, however long the machine took between the reads (at
        // speed 600 a pause of half a real second is five lab minutes, so no fixed tolerance holds).
        Instant before = lab.now();
        Instant copy = read.now();
        Instant after = lab.now();
        assertThat(copy).isBetween(before, after);
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
