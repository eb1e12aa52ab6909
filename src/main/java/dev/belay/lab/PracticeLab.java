package dev.belay.lab;

import dev.belay.lab.play.Cluster;
import dev.belay.lab.play.CommandPlayer;
import dev.belay.lab.play.ComponentStatus;
import dev.belay.lab.play.DirectoryHostFiles;
import dev.belay.lab.play.PowerListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running practice lab: one embedded SSH server on 127.0.0.1 serving N simulated hosts, each
 * running its commands and shells in its own bubblewrap {@link Sandbox}, with the commands the
 * {@link CommandPlayer} plays (docker, mysql, ceph, ...) answered from the one cluster state. The SSH
 * user name picks the host ({@code lab-2@127.0.0.1} is host lab-2), so one port serves them all.
 * Start it with {@link #start(LabConfig)}, stop it with {@link #close()}.
 */
public final class PracticeLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PracticeLab.class);
    /** Where the lab listens; it never leaves loopback. */
    public static final String ADDRESS = "127.0.0.1";
    static final String INVENTORY = "inventory.yaml";
    static final String KNOWN_HOSTS = "known_hosts";

    /** Makes the player of a new lab; {@link Cluster#create} is the one the lab ships. */
    interface PlayerFactory {
        CommandPlayer create(LabTopology topology, LabClock clock, FaultSet faults);
    }

    private final SshServer server;
    private final List<LabHost> hosts;
    private final Path baseDir;
    private final Path clientKey;
    private final CommandPlayer player;
    private final FaultSet faults;
    private final LabClock clock;
    private final LabTopology topology;
    private final List<AutoCloseable> sockets = new ArrayList<>();
    private HostRuntime runtime;

    private PracticeLab(SshServer server, List<LabHost> hosts, Path baseDir, Path clientKey, CommandPlayer player,
                        FaultSet faults, LabClock clock, LabTopology topology) {
        this.server = server;
        this.hosts = hosts;
        this.baseDir = baseDir;
        this.clientKey = clientKey;
        this.player = player;
        this.faults = faults;
        this.clock = clock;
        this.topology = topology;
    }

    /**
     * Checks the sandbox, creates the lab's directory, keys and host roots (reusing those already
     * there), starts the server and writes the inventory and known_hosts files for the port it got.
     * With no port asked for, the lab takes the port of its last start again if it is free.
     */
    public static PracticeLab start(LabConfig config) throws IOException {
        Path hostsDir = config.baseDir().toAbsolutePath().resolve("hosts");
        // The plays read and write grastate.dat, mnesia, globals.yml ... in the hosts' own roots,
        // so the hosts' real cat, sed -i and rm and the plays see the same files.
        return start(config, Sandbox.BWRAP, (topology, clock, faults) -> Cluster.create(topology, clock, faults,
                new DirectoryHostFiles(host -> hostsDir.resolve(host))));
    }

    /** The seam for tests: another bubblewrap (a missing one) or another player. */
    static PracticeLab start(LabConfig config, Path bwrap, PlayerFactory players) throws IOException {
        Sandbox.probe(bwrap); // before anything is written: a machine without bubblewrap is left as it was
        Path base = config.baseDir().toAbsolutePath();
        Files.createDirectories(base);
        LabKeys keys = LabKeys.ensure(base);
        List<LabHost> hosts = createRoots(base, config.hosts());
        LabTopology topology = LabTopology.of(hosts.stream().map(LabHost::name).toList());
        LabClock clock = LabClock.speeded(config.speed());
        FaultSet faults = new FaultSet(config.faults());
        CommandPlayer player = players.create(topology, clock, faults);
        Path run = LabSockets.create(base);
        Path playSocket = run.resolve(LabSockets.PLAY);
        Sandbox sandbox = Sandbox.prepare(bwrap, base, player.commands(), playSocket);
        HostRuntime runtime = new HostRuntime(sandbox, faults, clock);
        PtyNative.configure();
        Map<String, LabHost> byUser = new LinkedHashMap<>();
        hosts.forEach(h -> byUser.put(h.name(), h));
        int port = config.port() != 0 ? config.port() : LabPort.previousIfFree(base);
        SshServer server = newServer(port, keys, byUser, runtime, player);
        PracticeLab lab = new PracticeLab(server, List.copyOf(hosts), base, keys.clientKey(), player, faults, clock,
                topology);
        lab.runtime = runtime;
        try {
            lab.sockets.add(PlayServer.start(playSocket, player, new PlayServer.Around() {
                @Override
                public void before(String host, boolean fromShell) throws InterruptedException {
                    if (fromShell) {
                        runtime.slowDown(host); // exec requests already waited once, before they started
                    }
                }

                @Override
                public void after(String host) {
                    lab.syncHostFiles(host);
                }
            }));
            if (player instanceof AutoCloseable closeable) {
                lab.sockets.add(closeable);
            }
            hosts.forEach(h -> lab.syncHostFiles(h.name()));
            lab.sockets.add(LabControl.start(run.resolve(LabSockets.CONTROL), lab::control));
            try {
                server.start();
            } catch (IOException e) {
                throw new IOException("lab: cannot listen on " + ADDRESS + ":" + port + " (" + e.getMessage()
                        + "); pick another --port or leave it out for any free port", e);
            }
            player.addPowerListener(lab.new DropWhenDown());
            faults.onInject(f -> {
                if (f.kind() == FaultKind.CONNECTION_DROP) {
                    lab.dropSessions(f.host(), "connection-drop@" + f.host());
                }
            });
            LabPort.remember(base, lab.port());
            Files.writeString(lab.knownHostsPath(), keys.knownHostsLine(ADDRESS, lab.port()) + "\n");
            LabInventory.write(lab.inventoryPath(), hosts, topology, lab.port(), keys.clientKey(),
                    lab.knownHostsPath());
            LabClockFile.write(base, clock);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static List<LabHost> createRoots(Path base, int count) throws IOException {
        List<LabHost> hosts = new ArrayList<>(count);
        Path etc = Path.of("/etc");
        for (int i = 1; i <= count; i++) {
            LabHost host = new LabHost("lab-" + i, base.resolve("hosts").resolve("lab-" + i));
            HostRoot.prepare(host, etc);
            hosts.add(host);
        }
        return hosts;
    }

    private static SshServer newServer(int port, LabKeys keys, Map<String, LabHost> byUser, HostRuntime runtime,
                                       CommandPlayer player) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(ADDRESS);
        server.setPort(port);
        server.setKeyPairProvider(keys.hostKeyProvider());
        // Public key only, and only for a known host name: the user name is the host's identity.
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> {
            if (!byUser.containsKey(user) || !keys.isClientKey(key)) {
                return false;
            }
            if (!player.isUp(user)) {
                // As a host that is rebooting: no login. The client sees its authentication refused;
                // the lab's log and the OpenSSH client (banner) say why.
                refuseDown(session, user);
                return false;
            }
            return true;
        });
        server.setCommandFactory((channel, command) -> new HostExecCommand(hostOf(channel, byUser), runtime, command));
        server.setShellFactory(channel -> new PtyShellCommand(hostOf(channel, byUser), runtime));
        // The banner goes out with the first refusal, so refuseDown can still say why.
        CoreModuleProperties.WELCOME_BANNER_PHASE.set(server, org.apache.sshd.server.auth.WelcomeBannerPhase.FIRST_FAILURE);
        return server;
    }

    /** A down host refuses its logins, with a banner saying so (OpenSSH's client prints it). */
    private static void refuseDown(ServerSession session, String host) {
        LOG.info("lab: refusing a login to {}: it is down", host);
        CoreModuleProperties.WELCOME_BANNER.set(session, "practice lab: " + host
                + " is down (rebooting or powered off); logins are refused until it is back\n");
    }

    private static LabHost hostOf(ChannelSession channel, Map<String, LabHost> byUser) throws IOException {
        LabHost host = byUser.get(channel.getSession().getUsername());
        if (host != null && !channel.getSession().isOpen()) {
            throw new IOException("lab: " + host.name() + " is down");
        }
        if (host == null) {
            throw new IOException("lab: no simulated host for user " + channel.getSession().getUsername());
        }
        return host;
    }

    /** Drops a host's connections when it goes down; logins are refused until it is up (see the authenticator). */
    private final class DropWhenDown implements PowerListener {
        @Override
        public void wentDown(String host) {
            dropSessions(host, "power");
        }

        @Override
        public void cameUp(String host) {
            // Logins work again by themselves (the authenticator asks the player); a new boot id and kernel.
            syncHostFiles(host);
        }
    }

    /** Writes the played cluster's files for {@code host} into its sandbox (see {@link HostFileSync}). */
    void syncHostFiles(String host) {
        if (!(player instanceof Cluster cluster)) {
            return;
        }
        LabHost h = hosts.stream().filter(x -> x.name().equals(host)).findFirst().orElse(null);
        if (h == null) {
            return;
        }
        try {
            HostFileSync.write(h, cluster.hostFiles(host));
        } catch (IOException | RuntimeException e) {
            LOG.warn("lab: cannot write the played files of {}: {}", host, e.toString());
        }
    }

    /** Closes every SSH connection logged into {@code host} (all of them when host is null). */
    void dropSessions(String host, String why) {
        for (var s : server.getActiveSessions()) {
            if (host == null || host.equals(s.getUsername())) {
                LOG.info("lab: dropping {}'s SSH connection ({})", s.getUsername(), why);
                s.close(true);
            }
        }
    }

    /** The command line that runs {@code command} on {@code host} in its sandbox (for the cost benchmark). */
    List<String> sandboxCommand(String host, String command) throws IOException {
        LabHost h = hosts.stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        return runtime.sandbox().command(h, Sandbox.Mode.EXEC, false, List.of(LabHost.LOGIN_SHELL, "-c", command));
    }

    /** How many SSH connections are logged into {@code host} now. */
    int connections(String host) {
        return (int) server.getActiveSessions().stream().filter(s -> host.equals(s.getUsername())).count();
    }

    /** Answers a control request from {@code belay lab fault|reset|status}. */
    private String control(String request) {
        if (request.startsWith("fault ")) {
            Fault f = Fault.parse(request.substring("fault ".length()));
            checkHost(f);
            inject(f);
            return "injected " + f + "\n" + activeFaults();
        }
        if (request.equals("reset")) {
            try {
                reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            return "reset " + hosts.size() + " hosts to fresh\n";
        }
        if (request.equals("status")) {
            return "hosts: " + hosts.size() + " on " + ADDRESS + ":" + port() + "\n" + activeFaults();
        }
        throw new IllegalArgumentException("unknown request '" + request + "'; known: fault KIND@HOST, reset, status");
    }

    private void checkHost(Fault f) {
        if (f.host() != null && hosts.stream().noneMatch(h -> h.name().equals(f.host()))) {
            throw new IllegalArgumentException("fault " + f + " names no lab host; this lab has lab-1..lab-"
                    + hosts.size());
        }
    }

    private String activeFaults() {
        List<Fault> all = faults.all();
        return "faults: " + (all.isEmpty() ? "none" : all.stream().map(Fault::toString).collect(Collectors.joining(" ")))
                + "\n";
    }

    /** Injects {@code fault} into the running lab (a connection-drop drops the host's connections at once). */
    public void inject(Fault fault) {
        checkHost(fault);
        faults.inject(fault);
    }

    /** The faults active now. */
    public List<Fault> faults() {
        return faults.all();
    }

    public FaultSet faultSet() {
        return faults;
    }

    /**
     * Puts the lab back to fresh: every connection dropped, every host root wiped and seeded again,
     * the played cluster back at its starting state and the faults cleared.
     */
    public synchronized void reset() throws IOException {
        dropSessions(null, "reset");
        for (LabHost h : hosts) {
            HostRoot.wipe(h);
            HostRoot.prepare(h, Path.of("/etc"));
        }
        if (player instanceof Cluster cluster) {
            cluster.reset();
        } else {
            faults.clear();
        }
        hosts.forEach(h -> syncHostFiles(h.name()));
    }

    /**
     * Resets the lab in {@code base}: through its control channel if it runs, otherwise by wiping
     * its host roots (the played cluster lives only while the lab runs). Returns what was done.
     */
    public static String reset(Path base) throws IOException {
        try {
            return LabControl.send(base, "reset");
        } catch (LabControl.NoLabRunning e) {
            Path hostsDir = base.toAbsolutePath().resolve("hosts");
            HostRoot.deleteTree(hostsDir);
            return "the lab in " + base + " is not running: wiped its host roots (" + hostsDir
                    + "); the next start makes them fresh\n";
        }
    }

    /** Injects {@code fault} into the lab running in {@code base}; throws when none runs there. */
    public static String inject(Path base, Fault fault) throws IOException {
        return LabControl.send(base, "fault " + fault);
    }

    /** What runs on {@code host}, with versions and states, as the played cluster knows it. */
    public List<ComponentStatus> describe(String host) {
        return player instanceof Cluster cluster ? cluster.describe(host) : List.of();
    }

    /** Whether {@code host} is up (a rebooting host is not). */
    public boolean isUp(String host) {
        return player.isUp(host);
    }

    public LabClock clock() {
        return clock;
    }

    public LabTopology topology() {
        return topology;
    }

    /** The port the server listens on (the one asked for, or the free one it got). */
    public int port() {
        return server.getPort();
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    public Path baseDir() {
        return baseDir;
    }

    public Path inventoryPath() {
        return baseDir.resolve(INVENTORY);
    }

    public Path knownHostsPath() {
        return baseDir.resolve(KNOWN_HOSTS);
    }

    /** The private key every host accepts (OpenSSH format, ed25519). */
    public Path clientKeyPath() {
        return clientKey;
    }

    public boolean isRunning() {
        return server.isStarted();
    }

    /** Stops the server and, with it, every session and the processes they started. */
    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            for (AutoCloseable s : sockets) {
                try {
                    s.close();
                } catch (Exception e) {
                    LOG.debug("lab: closing {}: {}", s, e.toString());
                }
            }
        }
    }
}
