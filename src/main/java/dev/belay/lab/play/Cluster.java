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
import java.util.function.Predicate;

/**
 * The one cluster state a lab plays, and the entry point for every played command. The lab's SSH
 * side calls {@link #run} when a command named in {@link #commands()} runs on a lab host (directly or
 * inside a pipeline in the sandboxed shell); everything else runs as real {@code /bin/sh} in the
 * host's sandbox. Thread-safe: many hosts' commands arrive at once.
 */
public final class Cluster implements CommandPlayer, AutoCloseable {

    /** The kernel every lab host boots first. */
    public static final String FIRST_KERNEL = "3.10.0-514.el7.x86_64";

    private final LabTopology topology;
    private final LabClock clock;
    private final FaultSet faults;
    private final Services services = new Services();
    private final Power power;
    private final Map<String, Play> plays = new LinkedHashMap<>();
    private final List<Play> playList;
    private final Timeline timeline;
    private final HostOs hostOs;
    private final Reboots reboots;
    private final Network network;
    private final Ceph ceph;
    private final Cloud cloud;
    private volatile HostFiles files;
    private volatile HostFs hostFs;
    /** Per host, what {@link #syncFiles} last wrote (path → content). */
    private final Map<String, Map<String, String>> written = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Predicate<String> galeraSynced = h -> network().serving(h, "mariadb");

    private Cluster(LabTopology topology, LabClock clock, FaultSet faults, HostFiles files) {
        this.topology = topology;
        this.clock = clock;
        this.faults = faults;
        this.files = files;
        this.hostFs = files;
        this.power = new Power(topology.hosts(), FIRST_KERNEL);
        this.timeline = new Timeline(clock);
        this.hostOs = new HostOs(this);
        this.reboots = new Reboots(this);
        this.network = new Network(this);
        this.ceph = new Ceph(this);
        this.cloud = new Cloud(this);
        ceph.listen();
        this.playList = List.copyOf(plays());
        for (Play play : playList) {
            play.commands().forEach(c -> plays.put(c, play));
        }
        playList.forEach(p -> p.attach(this));
        seed();
    }

    /** Every play the lab ships. */
    private List<Play> plays() {
        List<Play> all = new ArrayList<>();
        all.add(new SystemctlPlay());
        all.add(new YumPlay());
        all.add(new KernelPlay());
        all.add(new NetPlay());
        all.add(new CephPlay());
        all.add(new OpenStackPlay());
        all.add(new NovaPlay());
        all.add(new SocatPlay());
        all.add(new ChownPlay());
        all.add(new HostToolsPlay());
        // The container plays seed in this order: docker defines the Kolla containers, the service
        // plays (Galera, RabbitMQ) then take them over, kolla-ansible writes its configuration.
        all.add(new DockerPlay());
        all.add(new GaleraPlay());
        all.add(new RabbitPlay());
        all.add(new KollaAnsiblePlay());
        all.add(new PipPlay());
        all.add(new KollaPasswordsPlay());
        return all;
    }

    /** Each play family seeds its own fresh state (called at creation and by {@link #reset()}). */
    private void seed() {
        hostOs.seed();
        playList.forEach(p -> p.seed(this));
        KollaPlaceholders.seedIfAbsent(this);
        ceph.seed();
        cloud.seed();
        written.clear();
        topology.hosts().forEach(h -> syncFiles(h, true));
    }

    /**
     * Writes the host, Ceph and OpenStack plays' files ({@link #hostFiles}) into the host files: the
     * ones that follow the state ({@code /proc/...}, the release files) whenever they change, the
     * seeds (ceph.conf, nova.conf, ...) when they first appear or, with {@code force}, at a reset;
     * an operator's edit of a seed is left alone. Called after every played command and at boot.
     */
    void syncFiles(String host, boolean force) {
        Map<String, String> last = written.computeIfAbsent(host, h -> new java.util.concurrent.ConcurrentHashMap<>());
        Map<String, String> now = new LinkedHashMap<>(hostOs.files(host));
        now.putAll(ceph.files(host));
        now.putAll(cloud.files(host));
        HostFiles target = files;
        now.forEach((path, content) -> {
            if (content.equals(last.get(path))) {
                return;
            }
            boolean followsState = path.startsWith("/proc/") || path.endsWith("-release");
            try {
                if (force || followsState || !target.exists(host, path)) {
                    target.write(host, path, content);
                }
                last.put(path, content);
            } catch (RuntimeException e) {
                // A file that cannot be written must not fail the command that was played, nor keep
                // the files after it from being written.
                System.err.println("lab: cannot write the played files of " + host + ": " + e.getMessage());
            }
        });
    }

    /** A cluster whose host files live in memory (tests, or a lab without a sandbox). */
    public static Cluster create(LabTopology topology, LabClock clock, FaultSet faults) {
        return new Cluster(topology, clock, faults, new MemoryHostFiles());
    }

    /**
     * A cluster whose plays read and write host files through {@code files} (the lab passes a
     * {@link DirectoryHostFiles} over the hosts' sandbox roots, so {@code cat}, {@code sed -i} and
     * {@code rm} in a host's shell and the plays see the same grastate.dat, mnesia, globals.yml).
     */
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
        timeline.advance();
        Play play = plays.get(call.command());
        if (play == null) {
            return PlayResult.fail(127, call.command() + ": command not found\n");
        }
        catchUp();
        PlayResult result = play.run(call);
        syncFiles(call.host(), false);
        return result;
    }

    /** Brings every play's lazily computed, time-based state up to the lab clock's now. */
    public void catchUp() {
        Instant now = clock.now();
        playList.forEach(p -> p.catchUp(now));
    }

    @Override
    public boolean isUp(String host) {
        timeline.advance();
        return power.isUp(host);
    }

    @Override
    public void addPowerListener(PowerListener listener) {
        power.addListener(listener);
    }

    /** What runs on {@code host}, with versions and states, for the lab panel. */
    public List<ComponentStatus> describe(String host) {
        timeline.advance();
        catchUp();
        return services.on(host).stream()
                .map(u -> new ComponentStatus(u.name(), u.version(), u.running() ? "running" : "stopped"))
                .toList();
    }

    /** Back to the fresh state (every service healthy at the starting release, faults cleared). */
    public void reset() {
        timeline.clear();
        faults.clear();
        services.clear();
        power.reset(FIRST_KERNEL);
        seed();
    }

    /** Fires the lab-time events that are due (reboots, boots); plays and tests call it before reading state. */
    public void advance() {
        timeline.advance();
    }

    /** Stops the timeline's thread; the cluster answers no more timed events after this. */
    @Override
    public void close() {
        timeline.close();
    }

    /**
     * The files the lab's SSH side writes into {@code host}'s sandbox so that real {@code cat}, {@code grep}
     * and {@code ls} see what the plays play: path → content. Changes with the state (the boot id after a
     * reboot, the release file after {@code yum update}); the cluster writes them into {@link #files()}
     * itself, after every played command and at every boot.
     */
    public Map<String, String> hostFiles(String host) {
        timeline.advance();
        Map<String, String> files = new LinkedHashMap<>(hostOs.files(host));
        files.putAll(ceph.files(host));
        files.putAll(cloud.files(host));
        return files;
    }

    /**
     * Lets plays read the host sandboxes' own files (e.g. {@code /var/tmp/clustercheck.disabled}). A
     * {@link HostFiles} given here also becomes the files the plays write ({@link #files()}).
     */
    public void attachHostFs(HostFs fs) {
        this.hostFs = fs == null ? HostFs.NONE : fs;
        if (fs instanceof HostFiles writable) {
            this.files = writable;
            written.clear();
            topology.hosts().forEach(h -> syncFiles(h, false));
        }
    }

    /** Files on the hosts that plays and the hosts' shells share, read and written (grastate.dat, mnesia, globals.yml). */
    public HostFiles files() {
        return files;
    }

    /**
     * {@code host}'s {@code grastate.dat} as Galera last wrote it (or the operator edited it); empty
     * once removed. The same text is in the host files at {@link GaleraPlay#KOLLA_DATADIR} and
     * {@link GaleraPlay#HOST_DATADIR}.
     */
    public Optional<String> grastate(String host) {
        return play(GaleraPlay.class).grastate(host);
    }

    public HostFs hostFs() {
        return hostFs;
    }

    /**
     * Whether the Galera node on {@code host} is synced, for clustercheck on port 9200. By default: its
     * {@code mariadb} container runs; the Galera play family replaces this with its own state.
     */
    public void setGaleraSynced(Predicate<String> synced) {
        this.galeraSynced = synced;
    }

    public boolean galeraSynced(String host) {
        return galeraSynced.test(host);
    }

    public HostOs hostOs() {
        return hostOs;
    }

    Reboots reboots() {
        return reboots;
    }

    public Network network() {
        return network;
    }

    public Ceph ceph() {
        return ceph;
    }

    public Cloud cloud() {
        return cloud;
    }

    Timeline timeline() {
        return timeline;
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
