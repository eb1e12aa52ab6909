package dev.belay.lab.play;

import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final HostFiles files;
    private final Map<String, Play> plays = new LinkedHashMap<>();
    private final List<Play> playList;

    private Cluster(LabTopology topology, LabClock clock, FaultSet faults, HostFiles files) {
        this.topology = topology;
        this.clock = clock;
        this.faults = faults;
        this.files = files;
        this.power = new Power(topology.hosts(), FIRST_KERNEL);
        this.playList = List.copyOf(plays());
        for (Play play : playList) {
            play.commands().forEach(c -> plays.put(c, play));
        }
        playList.forEach(p -> p.attach(this));
        playList.forEach(p -> p.seed(this));
    }

    /**
     * Every play the lab ships. Order matters for {@link Play#seed}: the docker play seeds the
     * Kolla containers first, the service plays (Galera, RabbitMQ, ...) then take them over.
     */
    private List<Play> plays() {
        List<Play> all = new ArrayList<>();
        all.add(new DockerPlay());
        all.add(new GaleraPlay());
        all.add(new RabbitPlay());
        all.add(new KollaAnsiblePlay());
        return all;
    }

    /** A cluster whose host files live in memory (tests, or a lab without a sandbox). */
    public static Cluster create(LabTopology topology, LabClock clock, FaultSet faults) {
        return new Cluster(topology, clock, faults, new MemoryHostFiles());
    }

    /** A cluster whose plays read and write host files through {@code files} (the sandbox roots). */
    public static Cluster create(LabTopology topology, LabClock clock, FaultSet faults, HostFiles files) {
        return new Cluster(topology, clock, faults, files);
    }

    /** The play of class {@code type} (plays reach each other's state through this). */
    public <T extends Play> T play(Class<T> type) {
        return playList.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " in this lab"));
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
        catchUp();
        return play.run(call);
    }

    /** Brings every play's time-based state up to the lab clock's now. */
    public void catchUp() {
        Instant now = clock.now();
        playList.forEach(p -> p.catchUp(now));
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
        catchUp();
        return services.on(host).stream()
                .map(u -> new ComponentStatus(u.name(), u.version(), u.running() ? "running" : "stopped"))
                .toList();
    }

    /** Back to the fresh state (every service healthy at the starting release, faults cleared). */
    public void reset() {
        faults.clear();
        services.clear();
        power.reset(FIRST_KERNEL);
        playList.forEach(p -> p.seed(this));
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

    /**
     * {@code host}'s {@code grastate.dat} as Galera last wrote it (or the operator edited it); empty
     * once removed. The same text is in the host files at {@link GaleraPlay#KOLLA_DATADIR} and
     * {@link GaleraPlay#HOST_DATADIR}.
     */
    public Optional<String> grastate(String host) {
        return play(GaleraPlay.class).grastate(host);
    }

    /** Files on the hosts that plays and the hosts' shells share. */
    public HostFiles files() {
        return files;
    }
}
