package dev.belay.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a practice lab: where it keeps its keys, homes and files, how many simulated
 * hosts it serves, and the loopback port (0 picks a free one).
 */
public record LabConfig(Path baseDir, int hosts, int port) {

    /** The most hosts one lab serves; beyond this the homes and threads stop being "small". */
    public static final int MAX_HOSTS = 1000;

    public LabConfig {
        Objects.requireNonNull(baseDir, "baseDir");
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException(
                    "lab: --hosts must be between 1 and " + MAX_HOSTS + ", got " + hosts);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "lab: --port must be between 0 (any free port) and 65535, got " + port);
        }
    }

    /** The lab's usual home, {@code ~/.belay/lab}. */
    public static Path defaultBaseDir() {
        return Path.of(System.getProperty("user.home"), ".belay", "lab");
    }

    /** A lab of {@code hosts} hosts in the default directory on any free port. */
    public static LabConfig of(int hosts) {
        return new LabConfig(defaultBaseDir(), hosts, 0);
    }
}
