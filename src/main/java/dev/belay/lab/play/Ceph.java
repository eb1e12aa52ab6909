package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import dev.belay.lab.LabTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Ceph cluster the lab plays: one monitor ({@code ceph_mon} container) on each {@code ceph_mons}
 * host, two OSDs ({@code ceph_osd_<id>}) on each {@code ceph_osds} host, 192 placement groups in
 * three pools replicated three times across hosts, the OSD map flags and the CRUSH tunables
 * profile. Daemons are up while their containers run; a daemon's version is the version its
 * container was last started with (Hammer 0.94.10 at the start, Jewel 10.2.10 once the packages are
 * updated and the daemon restarted). Placement groups go degraded while OSDs are down and recover
 * over lab time once they are back: 90 s, or 10 minutes under {@code ceph-slow-recovery}.
 */
public final class Ceph {

    static final String FSID = "4a158d27-f750-41d5-9e7f-26ce4c9d2d45";
    static final int PGS = 192;
    static final int OBJECTS = 3072;
    static final int SIZE = 3;
    static final Duration RECOVERY = Duration.ofSeconds(90);
    static final Duration SLOW_RECOVERY = Duration.ofMinutes(10);
    /** Jewel's mon_osd_down_out_interval: a down OSD is marked out after this, unless noout is set. */
    static final Duration DOWN_OUT = Duration.ofSeconds(300);
    static final List<String> SETTABLE = List.of("full", "pause", "noup", "nodown", "noout", "noin", "nobackfill",
            "norebalance", "norecover", "noscrub", "nodeep-scrub", "notieragent", "sortbitwise", "require_jewel_osds");
    /** Flags Jewel warns about while they are set. */
    static final List<String> WARN_FLAGS = List.of("pause", "noup", "nodown", "noout", "noin", "nobackfill",
            "norebalance", "norecover", "noscrub", "nodeep-scrub", "notieragent");

    static final Map<String, String> SHA = Map.of(
            "0.94.10", "b1e0532418e4631af01acbc0cedd426f1905f4af",
            "10.2.10", "5dc1e4c05cb68dbf62ae6fce3f0700e4654fdbbe");

    /** Data movement in progress: {@code pgs} placement groups in {@code state}, done linearly by {@code end}. */
    private record Movement(Instant start, Instant end, int pgs, String state) {
        int left(Instant now) {
            if (!now.isBefore(end)) {
                return 0;
            }
            double total = Duration.between(start, end).toMillis();
            double done = Duration.between(start, now).toMillis();
            return (int) Math.ceil(pgs * (1 - done / total));
        }
    }

    private final Cluster cluster;
    private final Set<String> flags = new TreeSet<>();
    private final Map<Integer, Instant> downSince = new LinkedHashMap<>();
    /** Per host, the Ceph paths chowned to ceph:ceph (Jewel daemons run as the ceph user). */
    private final Map<String, Set<String>> cephOwned = new LinkedHashMap<>();
    private String tunables = "firefly";
    private Movement movement;
    private int osdEpoch = 52;
    private int electionEpoch = 12;
    private long pgmapVersion = 48211;

    Ceph(Cluster cluster) {
        this.cluster = cluster;
    }

    /** The OSD ids of {@code host}: two per OSD host, numbered in host order. */
    static List<Integer> osdIds(LabTopology t, String host) {
        int i = t.role("ceph_osds").indexOf(host);
        return i < 0 ? List.of() : List.of(2 * i, 2 * i + 1);
    }

    /** Reacts to the daemons' containers stopping and starting (a docker stop, a reboot, a unit restart). */
    void listen() {
        cluster.faults().onInject(f -> {
            if (f.kind() == FaultKind.CEPH_HALF_UPGRADED) {
                halfUpgraded(f.host());
            }
        });
        cluster.services().addListener(new Services.Listener() {
            @Override
            public void starting(Services.Unit unit) throws PlayFailure {
                boolean mon = unit.name().equals("ceph_mon");
                boolean osd = unit.name().startsWith("ceph_osd_");
                if ((mon || osd) && unit.version().startsWith("10.") && !owned(unit.host(), mon ? "mon" : "osd")) {
                    String dir = mon ? "/var/lib/ceph/mon/ceph-" + unit.host()
                            : "/var/lib/ceph/osd/ceph-" + unit.name().substring("ceph_osd_".length());
                    throw new PlayFailure(1, (mon ? "ceph-mon" : "ceph-osd") + ": error opening " + (mon ? "mon" : "osd")
                            + " data directory at '" + dir + "': (13) Permission denied");
                }
            }

            @Override
            public void stopped(Services.Unit unit) {
                if (unit.name().startsWith("ceph_osd_")) {
                    osdStopped(Integer.parseInt(unit.name().substring("ceph_osd_".length())), unit.since());
                } else if (unit.name().equals("ceph_mon")) {
                    monChanged();
                }
            }

            @Override
            public void started(Services.Unit unit) {
                if (unit.name().startsWith("ceph_osd_")) {
                    osdStarted(Integer.parseInt(unit.name().substring("ceph_osd_".length())), unit.since());
                } else if (unit.name().equals("ceph_mon")) {
                    monChanged();
                }
            }
        });
    }

    /** Fresh state: Hammer everywhere, every daemon up, every placement group active+clean. */
    void seed() {
        synchronized (this) {
            flags.clear();
            downSince.clear();
            cephOwned.clear();
            tunables = "firefly";
            movement = null;
            osdEpoch = 52;
            electionEpoch = 12;
        }
        Instant now = cluster.clock().now();
        Services s = cluster.services();
        LabTopology t = cluster.topology();
        for (String h : t.hosts()) {
            List<String> names = new ArrayList<>();
            if (t.has(h, "ceph_mons")) {
                names.add("ceph_mon");
            }
            osdIds(t, h).forEach(id -> names.add("ceph_osd_" + id));
            for (String n : names) {
                s.define(h, n, image("0.94.10"), "0.94.10", now);
                try {
                    s.start(h, n, List.of(), now);
                } catch (PlayFailure e) {
                    throw new IllegalStateException("lab: seeding " + n + " on " + h + " was refused: " + e.getMessage(), e);
                }
            }
        }
        cluster.faults().all().stream().filter(f -> f.kind() == FaultKind.CEPH_HALF_UPGRADED)
                .forEach(f -> halfUpgraded(f.host()));
        synchronized (this) {
            downSince.clear();
            movement = null;
            osdEpoch = 52;
            electionEpoch = 12;
        }
    }

    /**
     * {@code ceph-half-upgraded@H}: what the first pass of a monitor upgrade leaves behind when the
     * window ends there (liberty-to-ocata-upgrade.txt:315-316): H's ceph-common and ceph-mon are
     * Jewel's, its Ceph directories owned by ceph:ceph, its Jewel monitor units enabled and its
     * monitor restarted on Jewel (back in quorum). Its OSDs and every other host stay on Hammer, so
     * the cluster is HEALTH_OK with mixed versions.
     */
    void halfUpgraded(String host) {
        HostOs os = cluster.hostOs();
        os.install(host, "ceph-common", Rpms.JEWEL);
        chownedToCeph(host, "/var/lib/ceph");
        if (!cluster.topology().has(host, "ceph_mons")) {
            return;
        }
        os.install(host, "ceph-mon", Rpms.JEWEL);
        for (String unit : List.of("ceph.target", "ceph-mon.target", "ceph-mon@" + host + ".service")) {
            os.unit(host, unit).ifPresent(u -> os.setEnabled(host, u, true));
        }
        Services s = cluster.services();
        Instant now = cluster.clock().now();
        String jewel = Rpms.upstream(Rpms.JEWEL);
        s.stop(host, "ceph_mon", now);
        s.setImage(host, "ceph_mon", image(jewel), jewel);
        try {
            s.start(host, "ceph_mon", List.of(), now);
        } catch (PlayFailure e) {
            throw new IllegalStateException("lab: the Jewel monitor of ceph-half-upgraded@" + host + " was refused: "
                    + e.getMessage(), e);
        }
    }

    /** The image of a Ceph daemon container for an upstream version. */
    static String image(String version) {
        return "ceph/daemon:" + (version.startsWith("10.") ? "jewel" : "hammer");
    }

    /** {@code chown -R ceph:ceph PATH} on {@code host}: Jewel daemons may start on what it covers. */
    synchronized void chownedToCeph(String host, String path) {
        String p = path.replaceAll("/+$", "");
        if (p.equals("/var/lib/ceph") || p.equals("/var/lib/ceph/mon") || p.equals("/var/lib/ceph/osd")) {
            cephOwned.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(p);
        }
    }

    synchronized boolean owned(String host, String type) {
        Set<String> paths = cephOwned.getOrDefault(host, Set.of());
        return paths.contains("/var/lib/ceph") || paths.contains("/var/lib/ceph/" + type);
    }

    private synchronized void osdStopped(int id, Instant at) {
        downSince.putIfAbsent(id, at);
        osdEpoch++;
    }

    private synchronized void osdStarted(int id, Instant at) {
        int before = degradedWhileDown(at);
        downSince.remove(id);
        osdEpoch++;
        int stillDown = degradedWhileDown(at);
        int toRecover = Math.max(before - stillDown, 0);
        if (movement != null) {
            toRecover += movement.left(at);
        }
        toRecover = Math.min(PGS - stillDown, toRecover);
        if (toRecover > 0) {
            Duration d = cluster.faults().has(FaultKind.CEPH_SLOW_RECOVERY) ? SLOW_RECOVERY : RECOVERY;
            movement = new Movement(at, at.plus(d), toRecover, "active+recovering+degraded");
        }
    }

    private synchronized void monChanged() {
        electionEpoch += 2;
    }

    // ------------------------------------------------------------------ reading the state

    /** A monitor: its host, rank, whether its daemon runs, and whether it is in quorum. */
    record Mon(String host, int rank, boolean running, boolean inQuorum, String version) {
    }

    /** An OSD: id, host, up, in, and the version it runs (or last ran). */
    record Osd(int id, String host, boolean up, boolean in, String version) {
    }

    List<Mon> mons() {
        List<String> hosts = cluster.topology().role("ceph_mons");
        List<Mon> raw = new ArrayList<>();
        for (int r = 0; r < hosts.size(); r++) {
            String h = hosts.get(r);
            boolean running = cluster.network().serving(h, "ceph_mon");
            String v = cluster.services().get(h, "ceph_mon").map(Services.Unit::version).orElse("0.94.10");
            raw.add(new Mon(h, r, running, running && !cluster.faults().has(FaultKind.CEPH_MON_OUT_OF_QUORUM, h), v));
        }
        long candidates = raw.stream().filter(Mon::inQuorum).count();
        boolean quorum = candidates * 2 > hosts.size();
        return raw.stream().map(m -> new Mon(m.host(), m.rank(), m.running(), quorum && m.inQuorum(), m.version())).toList();
    }

    boolean hasQuorum() {
        return mons().stream().anyMatch(Mon::inQuorum);
    }

    synchronized List<Osd> osds() {
        Instant now = cluster.clock().now();
        List<Osd> out = new ArrayList<>();
        for (String h : cluster.topology().role("ceph_osds")) {
            for (int id : osdIds(cluster.topology(), h)) {
                boolean up = cluster.network().serving(h, "ceph_osd_" + id);
                Instant since = downSince.get(id);
                boolean in = up || flags.contains("noout") || since == null
                        || Duration.between(since, now).compareTo(DOWN_OUT) < 0;
                String v = cluster.services().get(h, "ceph_osd_" + id).map(Services.Unit::version).orElse("0.94.10");
                out.add(new Osd(id, h, up, in, v));
            }
        }
        return out;
    }

    /**
     * The states of the placement groups that have a replica on a down OSD. PG {@code i} keeps its
     * {@code size} replicas on consecutive OSD hosts from host {@code i mod hosts}, on the host's
     * OSD {@code i mod 2}; with fewer live replicas than {@code min_size} it stops serving I/O
     * ({@code peered}), with none it is {@code stale}.
     */
    private Map<String, Integer> downStates() {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<String> hosts = cluster.topology().role("ceph_osds");
        int n = hosts.size();
        if (n == 0) {
            return out;
        }
        int size = Math.min(SIZE, n);
        int minSize = size >= 3 ? 2 : 1;
        Set<Integer> down = new java.util.HashSet<>(downSince.keySet());
        for (String h : hosts) {
            for (int id : osdIds(cluster.topology(), h)) {
                if (!cluster.network().serving(h, "ceph_osd_" + id)) {
                    down.add(id);
                }
            }
        }
        if (down.isEmpty()) {
            return out;
        }
        for (int pg = 0; pg < PGS; pg++) {
            int alive = 0;
            for (int r = 0; r < size; r++) {
                int id = osdIds(cluster.topology(), hosts.get((pg + r) % n)).get(pg % 2);
                if (!down.contains(id)) {
                    alive++;
                }
            }
            String state = alive == size ? null : alive >= minSize ? "active+undersized+degraded"
                    : alive > 0 ? "undersized+degraded+peered" : "stale+active+undersized+degraded";
            if (state != null) {
                out.merge(state, 1, Integer::sum);
            }
        }
        return out;
    }

    private int degradedWhileDown(Instant at) {
        return downStates().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Placement-group states now, most numerous first: state → count. */
    synchronized Map<String, Integer> pgStates() {
        Instant now = cluster.clock().now();
        Map<String, Integer> states = new LinkedHashMap<>();
        Map<String, Integer> downStates = downStates();
        int down = downStates.values().stream().mapToInt(Integer::intValue).sum();
        int moving = movement == null ? 0 : Math.min(PGS - down, movement.left(now));
        if (movement != null && moving == 0) {
            movement = null;
        }
        int clean = PGS - down - moving;
        int scrubbing = 0;
        String scrubState = null;
        long phase = now.getEpochSecond() % 600;
        if (clean > 0 && down == 0 && moving == 0) {
            if (phase >= 300 && phase < 330 && !flags.contains("noscrub")) {
                scrubbing = 1;
                scrubState = "active+clean+scrubbing";
            } else if (phase >= 450 && phase < 480 && !flags.contains("nodeep-scrub")) {
                scrubbing = 1;
                scrubState = "active+clean+scrubbing+deep";
            }
        }
        if (clean - scrubbing > 0) {
            states.put("active+clean", clean - scrubbing);
        }
        if (scrubbing > 0) {
            states.put(scrubState, scrubbing);
        }
        states.putAll(downStates);
        if (moving > 0) {
            states.merge(movement.state(), moving, Integer::sum);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        states.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** How long the longest-down OSD has been down, or zero. */
    synchronized Duration longestDown() {
        Instant now = cluster.clock().now();
        return downSince.values().stream().map(t -> Duration.between(t, now)).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    synchronized int degradedPgs() {
        return pgStates().entrySet().stream().filter(e -> e.getKey().contains("degraded")).mapToInt(Map.Entry::getValue).sum();
    }

    synchronized Set<String> flags() {
        return new LinkedHashSet<>(flags);
    }

    synchronized int osdEpoch() {
        return osdEpoch;
    }

    synchronized int electionEpoch() {
        return electionEpoch;
    }

    synchronized long pgmapVersion() {
        return pgmapVersion += 3;
    }

    synchronized String tunables() {
        return tunables;
    }

    /** Sets or unsets an OSD map flag; the message is what the real command prints. */
    synchronized void flag(String name, boolean on) {
        if (on ? flags.add(name) : flags.remove(name)) {
            osdEpoch++;
        }
    }

    /** Moves to a CRUSH tunables profile: data moves (PGs remapped and backfilling) for a while. */
    synchronized void setTunables(String profile) {
        if (!profile.equals(tunables)) {
            tunables = profile;
            osdEpoch++;
            Instant now = cluster.clock().now();
            Duration d = cluster.faults().has(FaultKind.CEPH_SLOW_RECOVERY) ? SLOW_RECOVERY : RECOVERY.multipliedBy(2);
            movement = new Movement(now, now.plus(d), PGS * 3 / 4, "active+remapped+backfilling");
        }
    }

    /** The monitors' release: the lowest version among the running monitors. */
    String monVersion() {
        return mons().stream().filter(Mon::running).map(Mon::version).min(Rpms::compare).orElse("0.94.10");
    }

    static String versionLine(String upstream) {
        return "ceph version " + upstream + " (" + SHA.getOrDefault(upstream, "0000000000000000000000000000000000000000") + ")";
    }

    // ------------------------------------------------------------------ Hammer's sysvinit script

    /** {@code service ceph stop|start|status [mon|osd|osd.N]} while Hammer's /etc/init.d/ceph is installed. */
    PlayResult sysvinit(String host, String action, List<String> what) {
        List<String> daemons = new ArrayList<>();
        LabTopology t = cluster.topology();
        String sel = what.isEmpty() ? "" : what.get(0);
        if ((sel.isEmpty() || sel.equals("mon") || sel.equals("mon." + host)) && t.has(host, "ceph_mons")) {
            daemons.add("mon." + host);
        }
        for (int id : osdIds(t, host)) {
            if (sel.isEmpty() || sel.equals("osd") || sel.equals("osd." + id)) {
                daemons.add("osd." + id);
            }
        }
        StringBuilder out = new StringBuilder();
        Instant now = cluster.clock().now();
        Services s = cluster.services();
        Map<String, String> pkgs = cluster.hostOs().packages(host);
        for (String d : daemons) {
            String container = d.startsWith("mon.") ? "ceph_mon" : "ceph_osd_" + d.substring(4);
            out.append("=== ").append(d).append(" === \n");
            switch (action) {
                case "stop" -> {
                    if (s.isRunning(host, container)) {
                        out.append("Stopping Ceph ").append(d).append(" on ").append(host).append("...kill ")
                                .append(2000 + Math.abs(d.hashCode() % 5000)).append("...done\n");
                        s.stop(host, container, now);
                    }
                }
                case "start", "restart" -> {
                    if (action.equals("restart")) {
                        s.stop(host, container, now);
                    }
                    String pkg = d.startsWith("mon.") ? "ceph-mon" : "ceph-osd";
                    String version = Rpms.upstream(pkgs.getOrDefault(pkg, Rpms.HAMMER));
                    s.get(host, container).filter(u -> !u.running())
                            .ifPresent(u -> s.setImage(host, container, image(version), version));
                    out.append("Starting Ceph ").append(d).append(" on ").append(host).append("...\n");
                    try {
                        s.start(host, container, List.of(), now);
                    } catch (PlayFailure e) {
                        return new PlayResult(out.toString(), "failed: '" + d + "'\n", 1);
                    }
                }
                case "status" -> out.append(d).append(": ").append(s.get(host, container).filter(Services.Unit::running)
                        .map(u -> "running {\"version\":\"" + u.version() + "\"}").orElse("not running"))
                        .append('\n');
                default -> {
                    return PlayResult.fail(1, "Usage: /etc/init.d/ceph [options] {start|stop|restart|condrestart} [mon|osd|mds]...\n");
                }
            }
        }
        return PlayResult.ok(out.toString());
    }

    /** {@code ceph-disk activate-all}: starts every OSD of the host with the installed ceph-osd. */
    PlayResult activateAll(String host) {
        Services s = cluster.services();
        Instant now = cluster.clock().now();
        String version = Rpms.upstream(cluster.hostOs().packages(host).getOrDefault("ceph-osd", Rpms.HAMMER));
        StringBuilder err = new StringBuilder();
        for (int id : osdIds(cluster.topology(), host)) {
            String c = "ceph_osd_" + id;
            s.get(host, c).filter(u -> !u.running()).ifPresent(u -> s.setImage(host, c, image(version), version));
            try {
                s.start(host, c, List.of(), now);
            } catch (PlayFailure e) {
                err.append("ceph-disk: Error: ceph osd start failed: Command '['/usr/bin/systemctl', 'start', 'ceph-osd@")
                        .append(id).append("']' returned non-zero exit status 1\n");
            }
        }
        return new PlayResult("", err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** Files the lab writes into the host's sandbox so that the procedure's chown and ls find them. */
    Map<String, String> files(String host) {
        Map<String, String> files = new LinkedHashMap<>();
        LabTopology t = cluster.topology();
        if (!t.has(host, "ceph_mons") && !t.has(host, "ceph_osds")) {
            return files;
        }
        StringBuilder conf = new StringBuilder("[global]\nfsid = ").append(FSID).append("\nmon_initial_members = ")
                .append(String.join(", ", t.role("ceph_mons"))).append("\nmon_host = ");
        conf.append(String.join(", ", t.role("ceph_mons").stream().map(h -> cluster.network().address(h)).toList()))
                .append("\nauth_cluster_required = cephx\nauth_service_required = cephx\nauth_client_required = cephx\n")
                .append("osd_pool_default_size = 3\n");
        files.put("/etc/ceph/ceph.conf", conf.toString());
        files.put("/var/log/ceph/ceph.log", "");
        // Nothing under /var/run: it links to the sandbox's /run, a fresh tmpfs for every command (the
        // ceph package's tmpfiles.d makes /run/ceph at boot on a real host), so a seed there could
        // only land outside the host's root.
        if (t.has(host, "ceph_mons")) {
            files.put("/var/lib/ceph/mon/ceph-" + host + "/keyring", "[mon.]\n\tkey = AQBlabmonkeyAAAAAAAAAAAAAAAAAAAAAAAAAA==\n");
        }
        StringBuilder fstab = new StringBuilder();
        char dev = 'b';
        for (int id : osdIds(t, host)) {
            files.put("/var/lib/ceph/osd/ceph-" + id + "/whoami", id + "\n");
            files.put("/var/lib/ceph/osd/ceph-" + id + "/fsid", FSID + "\n");
            fstab.append("/dev/sd").append(dev).append("1 /var/lib/ceph/osd/ceph-").append(id)
                    .append(" xfs defaults,noatime 0 0\n");
            dev++;
        }
        if (fstab.length() > 0) {
            files.put("/etc/fstab", "/dev/mapper/centos-root /     xfs defaults 0 0\n" + fstab);
        }
        return files;
    }
}
