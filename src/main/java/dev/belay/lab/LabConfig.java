package dev.belay.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to start a practice lab: where it keeps its keys, host roots and files, how many simulated
 * hosts it serves, the loopback port (0 picks a free one), the faults injected from the start and
 * the speed of the lab's clock (1 is real time).
 */
public record LabConfig(Path baseDir, int hosts, int port, List<Fault> faults, double speed) {

    /** The most hosts one lab serves; beyond this the host roots and threads stop being "small". */
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
        faults = List.copyOf(faults);
        for (Fault f : faults) {
            if (f.host() != null && !isHost(f.host(), hosts)) {
                throw new IllegalArgumentException("lab: fault " + f + " names no lab host; this lab has lab-1..lab-"
                        + hosts);
            }
        }
        new LabClock(java.time.Clock.systemUTC(), speed); // checks the speed's range with the clock's own message
    }

    /** No faults, real time. */
    public LabConfig(Path baseDir, int hosts, int port) {
        this(baseDir, hosts, port, List.of(), 1.0);
    }

    /** The same lab with {@code more} faults injected from the start. */
    public LabConfig withFaults(List<Fault> more) {
        return new LabConfig(baseDir, hosts, port, more, speed);
    }

    /** The same lab with its clock at {@code newSpeed}. */
    public LabConfig withSpeed(double newSpeed) {
        return new LabConfig(baseDir, hosts, port, faults, newSpeed);
    }

    private static boolean isHost(String name, int hosts) {
        if (!name.startsWith("lab-")) {
            return false;
        }
        try {
            int n = Integer.parseInt(name.substring(4));
            return n >= 1 && n <= hosts;
        } catch (NumberFormatException e) {
            return false;
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
