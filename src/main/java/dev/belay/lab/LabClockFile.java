package dev.belay.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * The lab's clock, published beside its inventory ({@code lab-clock}) so that a run started in
 * another process ({@code belay run --inventory <the lab's inventory>}, the desktop) paces on the
 * lab's time: speed, and which wall instant was which lab instant. Written at each start.
 */
public final class LabClockFile {

    static final String NAME = "lab-clock";

    private LabClockFile() {
    }

    static void write(Path baseDir, LabClock clock) throws IOException {
        Instant[] a = clock.anchors();
        Files.writeString(baseDir.resolve(NAME), "# Written by `belay lab start`: runs on this lab read its clock.\n"
                + "speed=" + clock.speed() + "\nwall_anchor=" + a[0] + "\nlab_anchor=" + a[1] + "\n");
    }

    /**
     * The clock of the lab whose inventory is {@code inventory}, or empty when no lab clock file sits
     * beside it (an inventory of real hosts).
     *
     * @throws IOException when the file is there but unreadable or malformed (the message names it)
     */
    public static Optional<LabClock> beside(Path inventory) throws IOException {
        Path parent = inventory.toAbsolutePath().getParent();
        Path file = parent == null ? null : parent.resolve(NAME);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        try {
            return Optional.of(LabClock.anchored(Clock.systemUTC(), Instant.parse(p.getProperty("wall_anchor", "")),
                    Instant.parse(p.getProperty("lab_anchor", "")), Double.parseDouble(p.getProperty("speed", ""))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException(file + ": not a lab clock file (" + e.getMessage()
                    + "); restart the lab (belay lab start) to rewrite it", e);
        }
    }
}
