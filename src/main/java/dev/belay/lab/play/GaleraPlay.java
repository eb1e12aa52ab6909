package dev.belay.lab.play;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultKind;
import dev.belay.lab.play.GaleraNode.Phase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A Galera (MariaDB 10.1) cluster over the lab's {@code mariadb} services: each controller's node
 * bootstraps, joins by state transfer (SST or IST, taking lab time), leaves, crashes, and keeps its
 * {@code grastate.dat} on the host ({@link #KOLLA_DATADIR} and {@link #HOST_DATADIR}), read back at
 * every start so an operator's {@code sed -i} or {@code rm} counts. Time-based transitions are
 * computed in {@link #catchUp}. This class holds the cluster's state ({@link GaleraNode}s in {@link
 * GaleraComponent}s) and its lock; the commands are answered by {@link MysqlClient} ({@code mysql},
 * {@code mariadb}; its {@code SHOW STATUS} from {@link WsrepStatus}), {@link MysqlDump}, {@link
 * MysqlAdminTools} ({@code mysql_upgrade}, {@code mysqladmin}) and {@link Mysqld} ({@code mysqld
 * --wsrep-recover}, {@code --tc-heuristic-recover}), each taking this lock while it reads or changes a
 * node; what they log is {@link MariadbLog}'s.
 */
public final class GaleraPlay implements Play {

    /** The data directory of the Kolla container's volume, as seen from the host. */
    public static final String KOLLA_DATADIR = "/var/lib/docker/volumes/mariadb/_data";
    /** The data directory of a packaged (systemd) MariaDB. */
    public static final String HOST_DATADIR = "/var/lib/mysql";
    /** A full state transfer (the joiner had no usable state). */
    public static final Duration SST = Duration.ofSeconds(60);
    /** An incremental state transfer (the joiner's state is in the donor's gcache). */
    public static final Duration IST = Duration.ofSeconds(15);
    /** From process start until a bootstrapped node takes connections. */
    public static final Duration STARTUP = Duration.ofSeconds(5);
    /** How long a node started without a Primary component to join waits before it gives up (pc.wait_prim_timeout). */
    public static final Duration PRIMARY_WAIT = Duration.ofSeconds(30);
    /** Writesets a donor keeps (gcache): a joiner no further behind takes IST. */
    static final long GCACHE_WRITESETS = 5_000;
    private static final String CLUSTERCHECK_DISABLED = "/var/tmp/clustercheck.disabled";

    /** A node that must exit (outside the lock: stopping a service calls back into the plays). */
    private record Exit(String host, String unit, int code, String log) {
    }

    private final Map<String, GaleraNode> nodes = new LinkedHashMap<>();
    private final List<GaleraComponent> components = new ArrayList<>();
    private final Set<String> databases = new TreeSet<>();
    private final Map<String, String> schemaRelease = new LinkedHashMap<>();
    /** Hosts whose {@code galera-member-crash} has struck: it strikes once per lab (until a reset). */
    private final Set<String> memberCrashStruck = new TreeSet<>();
    /** Hosts whose {@code galera-prepared-xa} transaction was resolved with {@code --tc-heuristic-recover}. */
    private final Set<String> xaResolved = new TreeSet<>();
    private Cluster cluster;

    @Override
    public Set<String> commands() {
        return Set.of("mysql", "mariadb", "mysqldump", "mysql_upgrade", "mysqladmin", "mysqld");
    }

    @Override
    public void attach(Cluster c) {
        this.cluster = c;
        c.services().addListener(new Services.Listener() {
            @Override
            public void starting(Services.Unit unit) throws PlayFailure {
                if (isMariadb(unit)) {
                    checkStart(unit);
                }
            }

            @Override
            public void started(Services.Unit unit) {
                if (isMariadb(unit)) {
                    onStarted(unit);
                }
            }

            @Override
            public void stopped(Services.Unit unit) {
                if (isMariadb(unit)) {
                    onStopped(unit);
                }
            }
        });
        c.faults().onInject(this::apply);
        // HAProxy's clustercheck (the curl play on port 9200) asks Galera itself.
        c.setGaleraSynced(this::clustercheckIgnoringDisabled);
    }

    @Override
    public void seed(Cluster c) {
        Instant now = c.clock().now();
        // No mariadb.service: on a Kolla host MariaDB is only the mariadb container, and systemd
        // (219, CentOS 7) answers "unknown" for the unit, as the runbooks must expect.
        synchronized (this) {
            nodes.clear();
            components.clear();
            databases.clear();
            schemaRelease.clear();
            memberCrashStruck.clear();
            xaResolved.clear();
            databases.addAll(List.of("information_schema", "mysql", "performance_schema"));
            for (String db : MysqlDump.OPENSTACK_DATABASES) {
                databases.add(db);
                schemaRelease.put(db, Kolla.STARTING_RELEASE);
            }
            String uuid = UUID.nameUUIDFromBytes("belay-lab-galera".getBytes(StandardCharsets.UTF_8)).toString();
            GaleraComponent comp = new GaleraComponent(uuid, 0, now.minus(Duration.ofDays(14)));
            for (String host : c.topology().hosts()) {
                Optional<Services.Unit> u = c.services().on(host).stream().filter(GaleraPlay::isMariadb).findFirst();
                if (u.isEmpty() || !u.get().running()) {
                    continue;
                }
                GaleraNode n = node(host);
                n.unit = u.get().name();
                n.release = u.get().version();
                n.phase = Phase.SYNCED;
                n.comp = comp;
                n.since = u.get().since();
                n.readyAt = n.since;
                n.upgradedTo = n.release;
                comp.members.add(host);
                writeGrastate(n, new Grastate(uuid, -1, false));
            }
            comp.confId = comp.members.size();
            if (!comp.members.isEmpty()) {
                components.add(comp);
            }
        }
        c.faults().all().forEach(this::apply);
    }

    /** {@code galera-no-safe-bootstrap}: a full outage; every node went down uncleanly (seqno -1, unsafe). */
    private void apply(Fault fault) {
        if (fault.kind() != FaultKind.GALERA_NO_SAFE_BOOTSTRAP) {
            return;
        }
        List<Exit> exits = new ArrayList<>();
        Instant now = cluster.clock().now();
        synchronized (this) {
            for (GaleraNode n : nodes.values()) {
                if (n.phase != Phase.DOWN) {
                    exits.addAll(crash(n, now, "lab: injected fault " + fault + ": mysqld was killed"));
                }
            }
        }
        run(exits, 137);
    }

    @Override
    public void catchUp(Instant now) {
        List<Exit> exits = new ArrayList<>();
        synchronized (this) {
            for (GaleraNode n : nodes.values()) {
                if (n.killAt != null && !now.isBefore(n.killAt)) {
                    Instant at = n.killAt;
                    n.killAt = null;
                    if (n.phase != Phase.DOWN) {
                        exits.addAll(kill(n, at));
                    }
                }
            }
            for (GaleraNode n : nodes.values()) {
                if (n.phase == Phase.WAITING && !now.isBefore(n.waitEnds)) {
                    exits.addAll(crash(n, n.waitEnds, MariadbLog.aborting(n.waitEnds, "WSREP: failed to open gcomm "
                            + "backend connection: 110: failed to reach primary view: 110 (Connection timed out)")));
                } else if (n.phase == Phase.JOINING) {
                    Duration transfer = Duration.between(n.since, n.transferEnds);
                    Instant crashAt = n.since.plus(transfer.dividedBy(2));
                    if (cluster.faults().has(FaultKind.GALERA_JOINER_CRASH, n.host) && !now.isBefore(crashAt)) {
                        exits.addAll(crash(n, crashAt, MariadbLog.aborting(crashAt, "WSREP: Process completed with "
                                + "error: wsrep_sst_xtrabackup-v2 --role 'joiner': 32 (Broken pipe)",
                                "WSREP: SST failed: 32 (Broken pipe)")));
                    } else if (!now.isBefore(n.transferEnds)) {
                        n.phase = Phase.SYNCED;
                        n.readyAt = n.transferEnds;
                        n.donor = null;
                    }
                }
            }
        }
        run(exits, 1);
    }

    private void run(List<Exit> exits, int defaultCode) {
        DockerPlay docker = cluster.play(DockerPlay.class);
        for (Exit e : exits) {
            docker.exitsOnItsOwn(e.host(), e.unit(), e.code() == 0 ? defaultCode : e.code(), e.log());
        }
    }

    // ---------------------------------------------------------------- lifecycle

    static boolean isMariadb(Services.Unit unit) {
        if (unit.image() != null && !unit.image().isBlank()) {
            return Kolla.serviceOf(unit.image()).equals("mariadb");
        }
        return Set.of("mariadb", "mariadb.service", "mysqld", "mysql").contains(unit.name());
    }

    private static boolean bootstraps(Services.Unit unit) {
        return unit.args().contains("--wsrep-new-cluster");
    }

    private synchronized void checkStart(Services.Unit unit) throws PlayFailure {
        GaleraNode n = node(unit.host());
        Instant now = cluster.clock().now();
        if (n.phase != Phase.DOWN && !n.unit.equals(unit.name())) {
            throw new PlayFailure(1, MariadbLog.aborting(now, "Can't start server: Bind on TCP/IP port. Got error: 98: "
                    + "Address already in use", "Do you already have another mysqld server running on port: 3306 ?"));
        }
        if (preparedXa(n.host)) {
            throw new PlayFailure(1, MariadbLog.preparedXaAbort(now));
        }
        Optional<Grastate> saved = readGrastate(n);
        if (!bootstraps(unit) && saved.isPresent()) {
            // Galera's own refusal: a joiner whose history runs past the group's cannot take IST from
            // it (the cluster was bootstrapped from a node behind this one: the wrong node).
            Optional<GaleraComponent> group = components.stream().filter(c -> c.primary && c.uuid.equals(saved.get().uuid()))
                    .findFirst();
            if (group.isPresent() && n.position > group.get().seqno(now)) {
                throw new PlayFailure(1, MariadbLog.aborting(now, "WSREP: Local state seqno (" + n.position + ") is "
                        + "greater than group seqno (" + group.get().seqno(now) + "): states diverged. Aborting to "
                        + "avoid potential data loss. Remove '/var/lib/mysql//grastate.dat' file and restart if you "
                        + "wish to continue. (FATAL)"));
            }
        }
        if (bootstraps(unit)) {
            Optional<Grastate> g = saved;
            if (g.isPresent() && !g.get().safeToBootstrap()) {
                throw new PlayFailure(1, MariadbLog.aborting(now, "WSREP: It may not be safe to bootstrap the "
                        + "cluster from this node. It was not the last one to leave the cluster and may not contain "
                        + "all the updates. To force cluster bootstrap with this node, edit the grastate.dat file "
                        + "manually and set safe_to_bootstrap to 1 .", "WSREP: wsrep::connect(gcomm://) failed: 7"));
            }
        }
    }

    private void onStarted(Services.Unit unit) {
        synchronized (this) {
            GaleraNode n = node(unit.host());
            if (n.phase != Phase.DOWN) {
                return;
            }
            Instant now = unit.since();
            n.unit = unit.name();
            n.release = unit.version();
            n.crashed = false;
            n.since = now;
            Optional<Grastate> g = readGrastate(n);
            if (bootstraps(unit)) {
                String uuid = g.map(Grastate::uuid).filter(u -> !u.equals(Grastate.ZERO_UUID))
                        .orElse(UUID.nameUUIDFromBytes((n.host + now).getBytes(StandardCharsets.UTF_8)).toString());
                GaleraComponent comp = new GaleraComponent(uuid, n.position, now);
                comp.members.add(n.host);
                components.add(comp);
                n.comp = comp;
                n.phase = Phase.SYNCED;
                n.readyAt = now.plus(STARTUP);
                writeGrastate(n, new Grastate(uuid, -1, false));
                for (GaleraNode waiting : nodes.values()) {
                    if (waiting.phase == Phase.WAITING) {
                        join(waiting, now, readGrastate(waiting));
                    }
                }
            } else if (!join(n, now, g)) {
                n.phase = Phase.WAITING;
                n.waitEnds = now.plus(PRIMARY_WAIT);
            }
        }
    }

    /** Joins a live Primary component, if there is one (the first, when a split brain left two). */
    private boolean join(GaleraNode n, Instant now, Optional<Grastate> g) {
        for (GaleraComponent comp : components) {
            if (!comp.primary) {
                continue;
            }
            Optional<GaleraNode> donor = comp.members.stream().map(nodes::get)
                    .filter(m -> m != n && m.phase == Phase.SYNCED).findFirst();
            if (donor.isEmpty()) {
                continue;
            }
            boolean ist = g.isPresent() && g.get().uuid().equals(comp.uuid) && n.position >= 0
                    && comp.seqno(now) - n.position <= GCACHE_WRITESETS;
            n.comp = comp;
            n.phase = Phase.JOINING;
            n.since = now;
            n.donor = donor.get().host;
            n.transferEnds = now.plus(ist ? IST : SST);
            memberCrashes(comp, n, now);
            comp.members.add(n.host);
            comp.confId++;
            writeGrastate(n, new Grastate(comp.uuid, -1, false));
            cluster.play(DockerPlay.class).log(n.host, n.unit, MariadbLog.line(now, "Note", "WSREP: Member 0.0 ("
                    + n.host + ") requested state transfer from '*any*'. Selected 1.0 (" + n.donor + ")(SYNCED) as "
                    + "donor."));
            return true;
        }
        return false;
    }

    private void onStopped(Services.Unit unit) {
        List<Exit> exits;
        synchronized (this) {
            GaleraNode n = nodes.get(unit.host());
            if (n == null || n.phase == Phase.DOWN || !n.unit.equals(unit.name())) {
                return;
            }
            Instant now = unit.since();
            if (cluster.faults().has(FaultKind.GALERA_NO_SAFE_BOOTSTRAP)) {
                // The fault: every shutdown is unclean, as after a power loss. The node itself is
                // already stopping; only the joiners it leaves behind must still exit.
                exits = new ArrayList<>(crash(n, now, null));
                exits.removeIf(e -> e.host().equals(n.host));
            } else {
                exits = leave(n, now, true, false);
            }
        }
        run(exits, 1);
    }

    /**
     * The node leaves its component; returns the joiners that lose their donor for good. {@code clean}:
     * it shut down and saved its seqno; {@code vanished}: it did not say goodbye (killed, powered off), so
     * the others lose its vote and keep Primary only as a majority of the component before.
     */
    private List<Exit> leave(GaleraNode n, Instant now, boolean clean, boolean vanished) {
        List<Exit> exits = new ArrayList<>();
        GaleraComponent comp = n.comp;
        Phase was = n.phase;
        n.phase = Phase.DOWN;
        n.comp = null;
        if (comp == null) {
            return exits;
        }
        if (was == Phase.SYNCED) {
            n.position = comp.seqno(now);
        }
        int before = comp.members.size();
        comp.members.remove(n.host);
        comp.confId++;
        boolean othersSynced = comp.members.stream().map(nodes::get).anyMatch(m -> m.phase == Phase.SYNCED);
        if (vanished && comp.primary && comp.members.size() * 2 <= before && !comp.members.isEmpty()) {
            comp.primary = false;
            comp.frozenAt = now;
            for (String m : comp.members) {
                GaleraNode left = nodes.get(m);
                cluster.play(DockerPlay.class).log(m, left.unit, MariadbLog.line(now, "Note",
                        "WSREP: view(view_id(NON_PRIM," + n.host + "," + comp.confId + ") memb {" + m + "} joined {} "
                        + "left {} partitioned {" + n.host + "})") + "\n" + MariadbLog.line(now, "Note",
                        "WSREP: New cluster view: global state: " + comp.uuid + ":" + comp.seqno(now)
                        + ", view# -1: non-Primary, number of nodes: " + comp.members.size()));
            }
        }
        if (clean && !vanished) {
            memberCrashes(comp, n, now);
        }
        if (clean && was == Phase.SYNCED) {
            writeGrastate(n, new Grastate(comp.uuid, n.position, comp.primary && !othersSynced));
        } else {
            writeGrastate(n, new Grastate(comp.uuid, -1, false));
        }
        for (String m : List.copyOf(comp.members)) {
            GaleraNode joiner = nodes.get(m);
            if (joiner.phase == Phase.JOINING && n.host.equals(joiner.donor)) {
                Optional<GaleraNode> other = comp.members.stream().map(nodes::get)
                        .filter(x -> x.phase == Phase.SYNCED).findFirst();
                if (other.isPresent()) {
                    joiner.donor = other.get().host;
                } else {
                    exits.addAll(crash(joiner, now, MariadbLog.aborting(now, "WSREP: State transfer from " + n.host
                            + " failed: donor left the cluster")));
                }
            }
        }
        if (comp.members.isEmpty()) {
            components.remove(comp);
        }
        return exits;
    }

    /**
     * The node's process dies: unclean grastate (seqno -1, unsafe); its container exits. mysqld's own
     * abort (a failed state transfer, no Primary to join) still disconnects from the group, so the others
     * keep quorum; see {@link #kill} for a node that vanishes.
     */
    private List<Exit> crash(GaleraNode n, Instant at, String logLines) {
        List<Exit> exits = new ArrayList<>(leave(n, at, false, false));
        n.crashed = true;
        n.phase = Phase.DOWN;
        exits.add(new Exit(n.host, n.unit, 0, logLines));
        return exits;
    }

    /** The node is killed ({@code galera-member-crash}): it vanishes from the group, which may lose quorum. */
    private List<Exit> kill(GaleraNode n, Instant at) {
        List<Exit> exits = new ArrayList<>(leave(n, at, false, true));
        n.crashed = true;
        n.phase = Phase.DOWN;
        exits.add(new Exit(n.host, n.unit, 137, "lab: injected fault " + FaultKind.GALERA_MEMBER_CRASH.id() + "@"
                + n.host + ": mysqld was killed (signal 9) while " + "the cluster changed"));
        return exits;
    }

    /**
     * {@code galera-member-crash@H}: when another node joins or cleanly leaves H's component, H's node is
     * due to be killed (once), at the next catch-up: outside the start or stop that triggered it.
     */
    private void memberCrashes(GaleraComponent comp, GaleraNode changed, Instant now) {
        for (String m : comp.members) {
            GaleraNode victim = nodes.get(m);
            if (victim != changed && victim.phase == Phase.SYNCED
                    && cluster.faults().has(FaultKind.GALERA_MEMBER_CRASH, m) && memberCrashStruck.add(m)) {
                victim.killAt = now;
            }
        }
    }

    // ---------------------------------------------------------------- grastate.dat

    /** The host's grastate.dat as Galera last left it or the operator edited it; empty when removed. */
    public synchronized Optional<String> grastate(String host) {
        GaleraNode n = nodes.get(host);
        return n == null ? cluster.files().read(host, KOLLA_DATADIR + "/grastate.dat") : readGrastate(n).map(Grastate::render);
    }

    /** {@code n}'s grastate.dat, read under the play's lock. */
    Optional<Grastate> readGrastate(GaleraNode n) {
        Optional<String> kolla = cluster.files().read(n.host, KOLLA_DATADIR + "/grastate.dat");
        Optional<String> host = cluster.files().read(n.host, HOST_DATADIR + "/grastate.dat");
        if (kolla.isEmpty() || host.isEmpty()) {
            // Removed through either path: the lab's node has one data directory seen at two paths.
            return Optional.empty();
        }
        String text = !kolla.get().equals(n.lastWritten) ? kolla.get() : host.get();
        return Grastate.parse(text);
    }

    /** Writes {@code n}'s grastate.dat at both paths, under the play's lock. */
    void writeGrastate(GaleraNode n, Grastate g) {
        String text = g.render();
        n.lastWritten = text;
        cluster.files().write(n.host, KOLLA_DATADIR + "/grastate.dat", text);
        cluster.files().write(n.host, HOST_DATADIR + "/grastate.dat", text);
    }

    // ---------------------------------------------------------------- what other plays ask

    /** HAProxy's clustercheck on {@code host}: 200 when the node is Synced and not disabled by hand, else 503. */
    public synchronized int clustercheck(String host) {
        GaleraNode n = nodes.get(host);
        boolean synced = n != null && applicationReady(n) && !cluster.clock().now().isBefore(n.readyAt);
        return synced && !cluster.files().exists(host, CLUSTERCHECK_DISABLED) ? 200 : 503;
    }

    /** Whether the node on {@code host} is Synced and takes connections (clustercheck without the by-hand switch). */
    public synchronized boolean clustercheckIgnoringDisabled(String host) {
        GaleraNode n = nodes.get(host);
        return n != null && applicationReady(n) && !cluster.clock().now().isBefore(n.readyAt);
    }

    /** Whether {@code n} takes queries and writes: Synced in a Primary component (else ERROR 1047). */
    synchronized boolean applicationReady(GaleraNode n) {
        return n.phase == Phase.SYNCED && n.comp != null && n.comp.primary;
    }

    /** What {@code mysqld --wsrep-recover} finds on {@code host}: its last committed seqno. */
    public synchronized long recoveredPosition(String host) {
        return node(host).position;
    }

    /** Sets {@code safe_to_bootstrap: 1} in {@code host}'s grastate.dat, as kolla-ansible's recovery does. */
    public synchronized void markSafeToBootstrap(String host) {
        GaleraNode n = node(host);
        Grastate g = readGrastate(n).orElse(new Grastate(Grastate.ZERO_UUID, n.position, true));
        writeGrastate(n, new Grastate(g.uuid(), n.position, true));
    }

    /** A host whose node HAProxy would send a client to (the VIP's backend), if any. */
    synchronized Optional<String> backendForVip() {
        return nodes.keySet().stream().filter(h -> clustercheck(h) == 200).findFirst();
    }

    /**
     * A Kolla service's database migrations (db sync) to {@code release} went through the VIP to the node
     * on {@code backend}: its databases exist at that release's schema, and the node wrote them.
     */
    synchronized void migrated(List<String> dbs, String release, String backend) {
        for (String db : dbs) {
            databases.add(db);
            schemaRelease.put(db, release);
        }
        GaleraNode n = nodes.get(backend);
        if (n != null && n.comp != null) {
            n.comp.writes += 25L * dbs.size();
        }
    }

    /** The release the schema of {@code db} is migrated to. */
    public synchronized Optional<String> schemaRelease(String db) {
        return Optional.ofNullable(schemaRelease.get(db));
    }

    // ---------------------------------------------------------------- the commands

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        return switch (call.command()) {
            case "mysqld" -> new Mysqld(this).run(call);
            case "mysql_upgrade" -> new MysqlAdminTools(this).upgrade(call);
            case "mysqladmin" -> new MysqlAdminTools(this).admin(call);
            case "mysqldump" -> new MysqlDump(this).run(call);
            default -> new MysqlClient(this).run(call);
        };
    }

    /**
     * {@code galera-prepared-xa@H}: Galera went down in the middle of a transaction, which InnoDB keeps
     * prepared; mysqld refuses to start (and to recover the position) until the operator decides its fate.
     */
    synchronized boolean preparedXa(String host) {
        return cluster.faults().has(FaultKind.GALERA_PREPARED_XA, host) && !xaResolved.contains(host);
    }

    /** The operator resolved {@code host}'s prepared transaction ({@code mysqld --tc-heuristic-recover}). */
    synchronized void resolveXa(String host) {
        xaResolved.add(host);
    }

    // ---------------------------------------------------------------- shared with the client

    synchronized GaleraNode node(String host) {
        return nodes.computeIfAbsent(host, h -> {
            GaleraNode n = new GaleraNode(h);
            n.release = cluster.services().on(h).stream().filter(GaleraPlay::isMariadb).map(Services.Unit::version)
                    .findFirst().orElse(Kolla.STARTING_RELEASE);
            return n;
        });
    }

    /**
     * Why a client on {@code n}'s host cannot use the server, as the client prints it; null when it can.
     * Checks the connection only (a node that is joining takes connections but not queries).
     */
    String refusal(GaleraNode n, MysqlClient.Options o, Instant now) {
        if (o.password() == null) {
            return "ERROR 1045 (28000): Access denied for user '" + o.user() + "'@'localhost' (using password: NO)";
        }
        boolean starting = n.phase == Phase.SYNCED && now.isBefore(n.readyAt);
        if (n.phase == Phase.DOWN || n.phase == Phase.WAITING || starting) {
            return "ERROR 2002 (HY000): Can't connect to local MySQL server through socket "
                    + "'/var/lib/mysql/mysql.sock' (" + (n.crashed ? 111 : 2) + ")";
        }
        return null;
    }

    Cluster cluster() {
        return cluster;
    }

    synchronized Set<String> databases() {
        return new TreeSet<>(databases);
    }

    synchronized void createDatabase(String db) {
        databases.add(db);
    }

    synchronized void dropDatabase(String db) {
        databases.remove(db);
    }

    synchronized Map<String, String> schemaReleases() {
        return new LinkedHashMap<>(schemaRelease);
    }

    /** One write (a committed transaction) on {@code n}'s component. */
    synchronized void write(GaleraNode n, int count) {
        if (n.comp != null) {
            n.comp.writes += count;
        }
    }

    /** The wsrep status variables of {@code n} now, in the order MariaDB prints them. */
    synchronized Map<String, String> wsrepStatus(GaleraNode n, Instant now) {
        boolean donor = n.phase == Phase.SYNCED && n.comp != null && n.comp.members.stream().map(nodes::get)
                .anyMatch(m -> m.phase == Phase.JOINING && n.host.equals(m.donor));
        return WsrepStatus.of(n, donor, applicationReady(n), now);
    }

    synchronized List<String> runningHosts() {
        List<String> up = new ArrayList<>();
        nodes.values().stream().filter(n -> n.phase != Phase.DOWN).forEach(n -> up.add(n.host));
        return up;
    }

    synchronized Set<String> hosts() {
        return new LinkedHashSet<>(nodes.keySet());
    }
}
