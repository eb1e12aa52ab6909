package dev.belay.lab.play;

import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import java.util.List;
import java.util.Set;

/**
 * The one cluster state a lab plays, and the entry point for every played command. The lab's SSH
 * side calls {@link #run} when a command named in {@link #commands()} runs on a lab host (directly or
 * inside a pipeline in the sandboxed shell); everything else runs as real {@code /bin/sh} in the
 * host's sandbox. Thread-safe: many hosts' commands arrive at once.
 *
 * <p>SKELETON: the plays are being written; today nothing is played.
 */
public final class Cluster {

    private final LabTopology topology;
    private final LabClock clock;
    private final FaultSet faults;

    private Cluster(LabTopology topology, LabClock clock, FaultSet faults) {
        this.topology = topology;
        this.clock = clock;
        this.faults = faults;
    }

    public static Cluster create(LabTopology topology, LabClock clock, FaultSet faults) {
        return new Cluster(topology, clock, faults);
    }

    /** The command names this cluster plays (e.g. {@code docker}, {@code mysql}, {@code ceph}). */
    public Set<String> commands() {
        return Set.of();
    }

    /**
     * Plays {@code argv} (argv[0] is the command's base name) on {@code host} with {@code stdin}.
     * May block for lab-clock time (a restart, a state transfer); interruptible.
     */
    public PlayResult run(String host, List<String> argv, String stdin) throws InterruptedException {
        return PlayResult.fail(127, argv.get(0) + ": command not found\n");
    }

    /** Whether {@code host} is up now (false while it reboots, or after host-no-return). */
    public boolean isUp(String host) {
        return true;
    }

    public void addPowerListener(PowerListener listener) {
    }

    /** What runs on {@code host}, with versions and states, for the lab panel. */
    public List<ComponentStatus> describe(String host) {
        return List.of();
    }

    /** Back to the fresh state (every service healthy at the starting release). */
    public void reset() {
    }

    public LabTopology topology() {
        return topology;
    }

    public LabClock clock() {
        return clock;
    }

    public FaultSet faults() {
        return faults;
    }
}
