package dev.belay.lab.play;

import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one cluster state a lab plays, and the entry point for every played command. The lab's SSH
 * side calls {@link #run} when a command named in {@link #commands()} runs on a lab host (directly or
 * inside a pipeline in the sandboxed shell); everything else runs as real {@code /bin/sh} in the
 * host's sandbox. Thread-safe: many hosts' commands arrive at once.
 */
public final class Cluster implements CommandPlayer {

    /** The kernel every lab host boots first. */
    public static final String FIRST_KERNEL = "3.10.0-514.el7.x86_64";

    private final LabTopology topology;
    private final LabClock clock;
    private final FaultSet faults;
    private final Services services = new Services();
    private final Power power;
    private final Map<String, Play> plays = new LinkedHashMap<>();

    private Cluster(LabTopology topology, LabClock clock, FaultSet faults) {
        this.topology = topology;
        this.clock = clock;
        this.faults = faults;
        this.power = new Power(topology.hosts(), FIRST_KERNEL);
        for (Play play : plays()) {
            play.commands().forEach(c -> plays.put(c, play));
        }
    }

    /** Every play the lab ships. */
    private List<Play> plays() {
        List<Play> all = new ArrayList<>();
        return all;
    }

    public static Cluster create(LabTopology topology, LabClock clock, FaultSet faults) {
        return new Cluster(topology, clock, faults);
    }

    /** The command names this cluster plays (e.g. {@code docker}, {@code mysql}, {@code ceph}). */
    @Override
    public Set<String> commands() {
        return Set.copyOf(plays.keySet());
    }

    /**
     * Plays {@code argv} (argv[0] is the command's base name) on {@code host} with {@code stdin}.
     * May block for lab-clock time (a restart, a state transfer); interruptible.
     */
    @Override
    public PlayResult run(String host, List<String> argv, String stdin) throws InterruptedException {
        return dispatch(new Call(host, argv, stdin, this));
    }

    /** Runs {@code call} with the play of its command (plays call this for nested commands). */
    public PlayResult dispatch(Call call) throws InterruptedException {
        Play play = plays.get(call.command());
        if (play == null) {
            return PlayResult.fail(127, call.command() + ": command not found\n");
        }
        return play.run(call);
    }

    @Override
    public boolean isUp(String host) {
        return power.isUp(host);
    }

    @Override
    public void addPowerListener(PowerListener listener) {
        power.addListener(listener);
    }

    /** What runs on {@code host}, with versions and states, for the lab panel. */
    public List<ComponentStatus> describe(String host) {
        return services.on(host).stream()
                .map(u -> new ComponentStatus(u.name(), u.version(), u.running() ? "running" : "stopped"))
                .toList();
    }

    /** Back to the fresh state (every service healthy at the starting release, faults cleared). */
    public void reset() {
        faults.clear();
        services.clear();
        power.reset(FIRST_KERNEL);
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

    public Services services() {
        return services;
    }

    public Power power() {
        return power;
    }
}
