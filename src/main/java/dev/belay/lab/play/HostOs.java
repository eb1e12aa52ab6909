package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import dev.belay.lab.LabTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each lab host's operating system: its installed packages and kernels, its systemd units
 * (enabled, active, failed), and the kernel loaded for kexec ({@link Reboots} takes hosts down and
 * boots them, with the newest kernel and a new boot id). Units of host
 * daemons (sshd, chronyd, docker) live here; units that wrap a container
 * ({@code openstack-nova-compute} → {@code nova_compute}, {@code ceph-mon@lab-1} → {@code ceph_mon},
 * as the procedure's hosts track their containers through systemd) read and drive the container in
 * {@link Services}. {@code mariadb} is deliberately not a unit: on a Kolla host it runs only as a
 * container, so {@code systemctl is-active mariadb} answers {@code unknown} as CentOS 7 does there; a
 * play family that wants the RDO shape calls {@link #bridge}.
 */
public final class HostOs {

    /** A systemd unit. {@code container} is null for a host daemon; {@code jewelOnly} units exist from Ceph Jewel on. */
    public record UnitSpec(String name, String description, String container, String versionPackage,
                           List<String> after, List<String> requires, List<String> envArgs, boolean jewelOnly) {
        public UnitSpec {
            after = List.copyOf(after);
            requires = List.copyOf(requires);
            envArgs = List.copyOf(envArgs);
        }

        boolean isTarget() {
            return name.endsWith(".target");
        }
    }

    /** The kernel of CentOS Linux 8.1.1911 (the {@code centos-8} fault), with arch. */
    static final String CENTOS_8_KERNEL = "4.18.0-147.el8.x86_64";

    private static final class Host {
        final Map<String, String> pkgs = new LinkedHashMap<>();
        final Map<String, Instant> installedAt = new LinkedHashMap<>();
        final List<String> kernels = new ArrayList<>();
        final Map<String, UnitSpec> units = new LinkedHashMap<>();
        final Set<String> enabled = new LinkedHashSet<>();
        final Set<String> active = new LinkedHashSet<>();
        final Set<String> failed = new LinkedHashSet<>();
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, Instant> activeSince = new LinkedHashMap<>();
        /** Dependencies added by drop-ins, as read at the last daemon-reload: unit → property → values. */
        final Map<String, Map<String, List<String>>> dropIns = new LinkedHashMap<>();
        /** Repositories switched off with {@code yum-config-manager --disable} (by id). */
        final Set<String> disabledRepos = new LinkedHashSet<>();
        String kexecLoaded;
        /** The containers that ran when docker last stopped (or the host went down): docker starts them again. */
        Set<String> resume = new LinkedHashSet<>();
    }

    private final Cluster cluster;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    HostOs(Cluster cluster) {
        this.cluster = cluster;
    }

    // ---------------------------------------------------------------- seeding

    /** Fresh state: CentOS 7.3, kernel 514, Ceph Hammer and Nova Newton packages, host daemons running. */
    synchronized void seed() {
        hosts.clear();
        LabTopology t = cluster.topology();
        Instant now = cluster.timeline().now();
        for (String h : t.hosts()) {
            Host host = new Host();
            host.pkgs.putAll(Rpms.installed(t.has(h, "ceph_mons"), t.has(h, "ceph_osds"),
                    t.has(h, "controllers"), t.has(h, "computes")));
            host.pkgs.keySet().forEach(p -> host.installedAt.put(p, now.minus(Duration.ofDays(200))));
            host.kernels.add(Rpms.OLD_KERNEL);
            host.installedAt.put("kernel-" + Rpms.OLD_KERNEL, now.minus(Duration.ofDays(200)));
            defineUnits(h, host, t);
            host.units.values().stream().filter(u -> !u.jewelOnly()).forEach(u -> host.enabled.add(u.name()));
            host.units.values().stream().filter(u -> u.container() == null && !u.isTarget())
                    .forEach(u -> {
                        host.active.add(u.name());
                        host.activeSince.put(u.name(), now);
                    });
            hosts.put(h, host);
        }
    }

    private static void defineUnits(String h, Host host, LabTopology t) {
        List<UnitSpec> units = new ArrayList<>();
        units.add(daemon("sshd.service", "OpenSSH server daemon"));
        units.add(daemon("chronyd.service", "NTP client/server"));
        units.add(daemon("crond.service", "Command Scheduler"));
        units.add(daemon("docker.service", "Docker Application Container Engine"));
        if (t.has(h, "controllers")) {
            units.add(daemon("xinetd.service", "Xinetd A Powerful Replacement For Inetd"));
            units.add(wrap("openstack-nova-api.service", "OpenStack Nova API Server", "nova_api"));
            units.add(wrap("openstack-nova-scheduler.service", "OpenStack Nova Scheduler Server", "nova_scheduler"));
            units.add(wrap("openstack-nova-conductor.service", "OpenStack Nova Conductor Server", "nova_conductor"));
            units.add(wrap("openstack-nova-consoleauth.service", "OpenStack Nova VNC console auth Server", "nova_consoleauth"));
            units.add(wrap("openstack-nova-novncproxy.service", "OpenStack Nova NoVNC Proxy Server", "nova_novncproxy"));
            units.add(wrap("httpd.service", "The Apache HTTP Server", "placement_api"));
        }
        if (t.has(h, "computes")) {
            units.add(wrap("libvirtd.service", "Virtualization daemon", "nova_libvirt"));
            units.add(new UnitSpec("openstack-nova-compute.service", "OpenStack Nova Compute Server", "nova_compute",
                    null, List.of("syslog.target", "network.target", "docker.service"), List.of("docker.service"),
                    List.of(), false));
        }
        boolean mon = t.has(h, "ceph_mons");
        boolean osd = t.has(h, "ceph_osds");
        if (mon || osd) {
            units.add(new UnitSpec("ceph.target", "ceph target allowing to start/stop all ceph*@.service instances at once",
                    null, null, List.of(), List.of(), List.of(), true));
        }
        if (mon) {
            units.add(new UnitSpec("ceph-mon.target", "ceph target allowing to start/stop all ceph-mon@.service instances at once",
                    null, null, List.of(), List.of(), List.of(), true));
            units.add(new UnitSpec("ceph-mon@" + h + ".service", "Ceph cluster monitor daemon", "ceph_mon", "ceph-mon",
                    List.of("network-online.target", "local-fs.target", "time-sync.target"), List.of(), List.of(), true));
        }
        if (osd) {
            units.add(new UnitSpec("ceph-osd.target", "ceph target allowing to start/stop all ceph-osd@.service instances at once",
                    null, null, List.of(), List.of(), List.of(), true));
            for (int id : Ceph.osdIds(t, h)) {
                units.add(new UnitSpec("ceph-osd@" + id + ".service", "Ceph object storage daemon", "ceph_osd_" + id,
                        "ceph-osd", List.of("network-online.target", "local-fs.target", "time-sync.target"),
                        List.of(), List.of(), true));
            }
        }
        units.forEach(u -> host.units.put(u.name(), u));
    }

    private static UnitSpec daemon(String name, String description) {
        return new UnitSpec(name, description, null, null, List.of("network.target"), List.of(), List.of(), false);
    }

    private static UnitSpec wrap(String name, String description, String container) {
        return new UnitSpec(name, description, container, null, List.of("docker.service"), List.of("docker.service"),
                List.of(), false);
    }

    /**
     * Makes {@code unit} on every host that has {@code container} a systemd unit wrapping it (enabled),
     * appending the values of {@code envArgs} (set with {@code systemctl set-environment}) to the
     * container's start arguments, as {@code mariadb.service} appends {@code $_WSREP_NEW_CLUSTER}.
     */
    public synchronized void bridge(String unit, String description, String container, List<String> envArgs) {
        String name = unitName(unit);
        hosts.forEach((h, host) -> {
            host.units.put(name, new UnitSpec(name, description, container, null, List.of("docker.service"),
                    List.of("docker.service"), envArgs, false));
            host.enabled.add(name);
        });
    }

    // ---------------------------------------------------------------- units

    static String unitName(String raw) {
        return raw.contains(".") && (raw.endsWith(".service") || raw.endsWith(".target") || raw.endsWith(".socket")
                || raw.endsWith(".timer") || raw.endsWith(".mount")) ? raw : raw + ".service";
    }

    private Host host(String h) {
        Host host = hosts.get(h);
        if (host == null) {
            throw new IllegalArgumentException("no lab host " + h);
        }
        return host;
    }

    /** The unit, if it is loaded on {@code host} (Ceph's units only once Jewel is installed). */
    public synchronized Optional<UnitSpec> unit(String h, String raw) {
        Host host = host(h);
        UnitSpec u = host.units.get(unitName(raw));
        if (u == null || (u.jewelOnly() && !jewelInstalled(host))) {
            return Optional.empty();
        }
        return Optional.of(u);
    }

    public synchronized List<UnitSpec> units(String h) {
        Host host = host(h);
        return host.units.values().stream().filter(u -> !u.jewelOnly() || jewelInstalled(host)).toList();
    }

    private static boolean jewelInstalled(Host host) {
        String v = host.pkgs.get("ceph-common");
        return v != null && Rpms.compare(v, "10") >= 0;
    }

    /** {@code active}, {@code inactive} or {@code failed}. */
    public String activeState(String h, UnitSpec u) {
        Services services = cluster.services();
        synchronized (this) {
            Host host = host(h);
            if (!cluster.power().isUp(h)) {
                return "inactive";
            }
            if (host.failed.contains(u.name())) {
                return "failed";
            }
            if (u.container() != null) {
                return services.isRunning(h, u.container()) ? "active" : "inactive";
            }
            if (u.isTarget()) {
                return host.active.contains(u.name()) ? "active" : "inactive";
            }
            return host.active.contains(u.name()) ? "active" : "inactive";
        }
    }

    /** When the unit last became active (the container's start for a container unit). */
    public synchronized Instant activeSince(String h, UnitSpec u) {
        if (u.container() != null) {
            return cluster.services().get(h, u.container()).map(Services.Unit::since).orElse(cluster.timeline().now());
        }
        return host(h).activeSince.getOrDefault(u.name(), cluster.timeline().now());
    }

    public synchronized boolean isEnabled(String h, UnitSpec u) {
        return host(h).enabled.contains(u.name());
    }

    synchronized void setEnabled(String h, UnitSpec u, boolean on) {
        if (on) {
            host(h).enabled.add(u.name());
        } else {
            host(h).enabled.remove(u.name());
        }
    }

    /** Starts {@code u}; a container unit starts its container (a target starts its instances). */
    void start(String h, UnitSpec u) throws PlayFailure {
        Instant now = cluster.timeline().now();
        if (u.isTarget()) {
            synchronized (this) {
                host(h).active.add(u.name());
            }
            String prefix = u.name().replace(".target", "");
            for (UnitSpec member : units(h)) {
                if (!member.isTarget() && (prefix.equals("ceph") ? member.name().startsWith("ceph-")
                        : member.name().startsWith(prefix + "@"))) {
                    start(h, member);
                }
            }
            return;
        }
        if (u.container() == null) {
            boolean docker;
            synchronized (this) {
                Host host = host(h);
                host.failed.remove(u.name());
                docker = u.name().equals("docker.service") && !host.active.contains(u.name());
                if (host.active.add(u.name())) {
                    host.activeSince.put(u.name(), now);
                }
            }
            if (docker) {
                resumeContainers(h);
            }
            return;
        }
        Services services = cluster.services();
        List<String> args = new ArrayList<>();
        synchronized (this) {
            Host host = host(h);
            for (String var : u.envArgs()) {
                String v = host.env.getOrDefault(var, "");
                if (!v.isBlank()) {
                    args.addAll(List.of(v.trim().split("\\s+")));
                }
            }
            if (u.versionPackage() != null && host.pkgs.containsKey(u.versionPackage())) {
                String version = Rpms.upstream(host.pkgs.get(u.versionPackage()));
                services.get(h, u.container()).filter(c -> !c.running())
                        .ifPresent(c -> services.setImage(h, c.name(), Ceph.image(version), version));
            }
        }
        try {
            services.start(h, u.container(), args, now);
            synchronized (this) {
                host(h).failed.remove(u.name());
            }
        } catch (PlayFailure e) {
            synchronized (this) {
                host(h).failed.add(u.name());
            }
            throw new PlayFailure(1, "Job for " + u.name() + " failed because the control process exited with error code."
                    + " See \"systemctl status " + u.name() + "\" and \"journalctl -xe\" for details.");
        }
    }

    void stop(String h, UnitSpec u) {
        Instant now = cluster.timeline().now();
        if (u.isTarget()) {
            String prefix = u.name().replace(".target", "");
            for (UnitSpec member : units(h)) {
                if (!member.isTarget() && (prefix.equals("ceph") ? member.name().startsWith("ceph-")
                        : member.name().startsWith(prefix + "@"))) {
                    stop(h, member);
                }
            }
            synchronized (this) {
                host(h).active.remove(u.name());
            }
            return;
        }
        synchronized (this) {
            host(h).failed.remove(u.name());
        }
        if (u.container() != null) {
            cluster.services().stop(h, u.container(), now);
            return;
        }
        boolean docker;
        synchronized (this) {
            docker = host(h).active.remove(u.name()) && u.name().equals("docker.service");
        }
        if (docker) {
            // Stopping the engine stops every container; those it stopped come back with it
            // (Kolla's restart policy is unless-stopped).
            stopContainers(h, now);
        }
    }

    /**
     * {@code systemctl daemon-reload}: reads the drop-ins ({@code /etc/systemd/system/UNIT.d/*.conf})
     * of the host's units from its sandbox, so that {@code show} reports the dependencies they add.
     */
    void daemonReload(String h) {
        HostFs fs = cluster.hostFs();
        Map<String, Map<String, List<String>>> read = new LinkedHashMap<>();
        for (UnitSpec u : units(h)) {
            String dir = "/etc/systemd/system/" + u.name() + ".d";
            for (String f : fs.list(h, dir)) {
                if (!f.endsWith(".conf")) {
                    continue;
                }
                fs.read(h, dir + "/" + f).ifPresent(text -> text.lines().map(String::trim).forEach(line -> {
                    int eq = line.indexOf('=');
                    if (eq > 0 && List.of("After", "Requires", "Wants", "Before").contains(line.substring(0, eq))) {
                        read.computeIfAbsent(u.name(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
                                .addAll(List.of(line.substring(eq + 1).trim().split("\\s+")));
                    }
                }));
            }
        }
        synchronized (this) {
            host(h).dropIns.clear();
            host(h).dropIns.putAll(read);
        }
    }

    /** A unit's {@code After}/{@code Requires} with what the loaded drop-ins add. */
    synchronized List<String> dependencies(String h, UnitSpec u, String property) {
        List<String> out = new ArrayList<>(property.equals("After") ? u.after() : property.equals("Requires")
                ? u.requires() : List.of());
        host(h).dropIns.getOrDefault(u.name(), Map.of()).getOrDefault(property, List.of()).stream()
                .filter(d -> !out.contains(d)).forEach(out::add);
        return out;
    }

    synchronized void setEnv(String h, String key, String value) {
        if (value == null) {
            host(h).env.remove(key);
        } else {
            host(h).env.put(key, value);
        }
    }

    synchronized Map<String, String> env(String h) {
        return new LinkedHashMap<>(host(h).env);
    }

    /** {@code degraded} when a unit failed, {@code running} otherwise. */
    public synchronized String systemState(String h) {
        return host(h).failed.isEmpty() ? "running" : "degraded";
    }

    // ---------------------------------------------------------------- packages

    public synchronized Map<String, String> packages(String h) {
        return new LinkedHashMap<>(host(h).pkgs);
    }

    /** Repository ids switched off on {@code h} ({@link YumRepos} decides which exist). */
    synchronized Set<String> disabledRepos(String h) {
        return new LinkedHashSet<>(host(h).disabledRepos);
    }

    synchronized void setRepoEnabled(String h, String repo, boolean enabled) {
        if (enabled) {
            host(h).disabledRepos.remove(repo);
        } else {
            host(h).disabledRepos.add(repo);
        }
    }

    /** Installed kernels (version-release), oldest first. */
    public synchronized List<String> kernels(String h) {
        return List.copyOf(host(h).kernels);
    }

    synchronized Instant installedAt(String h, String key) {
        return host(h).installedAt.getOrDefault(key, cluster.timeline().now());
    }

    /** Installs or updates {@code name} to {@code version} (a kernel is installed beside the old ones). */
    synchronized void install(String h, String name, String version) {
        Host host = host(h);
        Instant now = cluster.timeline().now();
        if (name.equals("kernel")) {
            if (!host.kernels.contains(version)) {
                host.kernels.add(version);
                host.kernels.sort(Rpms::compare);
                host.installedAt.put("kernel-" + version, now);
            }
            return;
        }
        host.pkgs.put(name, version);
        host.installedAt.put(name, now);
    }

    /** Removes {@code name} (not a kernel: the lab never removes the running one); false when it was not installed. */
    synchronized boolean remove(String h, String name) {
        Host host = host(h);
        host.installedAt.remove(name);
        return host.pkgs.remove(name) != null;
    }

    /** The newest installed kernel with its arch: what grubby makes the default. */
    public synchronized String defaultKernel(String h) {
        List<String> k = host(h).kernels;
        return k.stream().max(Rpms::compare).orElse(Rpms.OLD_KERNEL) + ".x86_64";
    }

    synchronized void loadKexec(String h, String kernel) {
        host(h).kexecLoaded = kernel;
    }

    synchronized String kexecLoaded(String h) {
        return host(h).kexecLoaded;
    }

    // ---------------------------------------------------------------- power (Reboots drives it)

    /** What a boot brings up: the kernel it boots and the units enabled on the host. */
    record Boot(String kernel, List<UnitSpec> enabled) {
    }

    /** The host went down: none of its units runs or has failed any more. */
    synchronized void poweredOff(String h) {
        Host host = host(h);
        host.active.clear();
        host.failed.clear();
    }

    /** The host boots: kexec into the loaded kernel, else the newest; the kexec load and the manager's environment are gone. */
    synchronized Boot boot(String h, boolean kexec) {
        Host host = host(h);
        String loaded = host.kexecLoaded;
        String kernel = kexec && loaded != null ? loaded : defaultKernel(h);
        host.kexecLoaded = null;
        host.env.clear();
        return new Boot(kernel, units(h).stream().filter(u -> host.enabled.contains(u.name())).toList());
    }

    /** Every container of the host stops (docker stopped, or the host went down); docker starts them again when it starts. */
    void stopContainers(String h, Instant now) {
        Set<String> running = new LinkedHashSet<>();
        cluster.services().on(h).stream().filter(Services.Unit::running).forEach(u -> running.add(u.name()));
        synchronized (this) {
            host(h).resume.addAll(running);
        }
        cluster.services().stopAll(h, now);
    }

    private void resumeContainers(String h) {
        Set<String> resume;
        synchronized (this) {
            resume = host(h).resume;
            host(h).resume = new LinkedHashSet<>();
        }
        Instant now = cluster.timeline().now();
        for (String name : resume) {
            try {
                cluster.services().start(h, name, cluster.services().get(h, name)
                        .map(Services.Unit::args).orElse(List.of()), now);
            } catch (PlayFailure e) {
                // The container exits again at once; docker leaves it stopped.
            }
        }
    }

    /** Pseudo-files and release files of the host, for {@link Cluster#hostFiles}. */
    Map<String, String> files(String h) {
        if (cluster.faults().has(FaultKind.CENTOS_8, h)) {
            return centos8Files(h);
        }
        Power.HostPower p = cluster.power().of(h);
        String release;
        synchronized (this) {
            // centos-release 7-4.1708.el7.centos → 7.4.1708
            String v = host(h).pkgs.getOrDefault("centos-release", "7-3.1611.el7.centos");
            String[] parts = v.split("[-.]");
            release = parts[0] + "." + parts[1] + "." + parts[2];
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("/proc/sys/kernel/random/boot_id", p.bootId() + "\n");
        files.put("/proc/version", "Linux version " + p.kernel() + " (builder@kbuilder.dev.centos.org) (gcc version 4.8.5 20150623"
                + " (Red Hat 4.8.5-11) (GCC) ) " + KernelPlay.buildOf(p.kernel()) + "\n");
        files.put("/etc/redhat-release", "CentOS Linux release " + release + " (Core) \n");
        files.put("/etc/centos-release", "CentOS Linux release " + release + " (Core) \n");
        files.put("/etc/os-release", """
                NAME="CentOS Linux"
                VERSION="7 (Core)"
                ID="centos"
                ID_LIKE="rhel fedora"
                VERSION_ID="7"
                PRETTY_NAME="CentOS Linux 7 (Core)"
                ANSI_COLOR="0;31"
                CPE_NAME="cpe:/o:centos:centos:7"
                HOME_URL="https://www.centos.org/"
                BUG_REPORT_URL="https://bugs.centos.org/"

                CENTOS_MANTISBT_PROJECT="CentOS-7"
                CENTOS_MANTISBT_PROJECT_VERSION="7"
                REDHAT_SUPPORT_PRODUCT="centos"
                REDHAT_SUPPORT_PRODUCT_VERSION="7"

                """);
        return files;
    }

    /**
     * {@code centos-8@H}: H was reinstalled with CentOS Linux 8.1.1911, as its release files and
     * kernel print it. Only what tells the release apart is played: H's packages, repositories and
     * units stay the CentOS 7 ones.
     */
    private Map<String, String> centos8Files(String h) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("/proc/sys/kernel/random/boot_id", cluster.power().of(h).bootId() + "\n");
        files.put("/proc/version", "Linux version " + CENTOS_8_KERNEL + " (mockbuild@kbuilder.bsys.centos.org) (gcc version 8.3.1"
                + " 20190507 (Red Hat 8.3.1-4) (GCC)) " + KernelPlay.buildOf(CENTOS_8_KERNEL) + "\n");
        files.put("/etc/redhat-release", "CentOS Linux release 8.1.1911 (Core) \n");
        files.put("/etc/centos-release", "CentOS Linux release 8.1.1911 (Core) \n");
        files.put("/etc/os-release", """
                NAME="CentOS Linux"
                VERSION="8 (Core)"
                ID="centos"
                ID_LIKE="rhel fedora"
                VERSION_ID="8"
                PLATFORM_ID="platform:el8"
                PRETTY_NAME="CentOS Linux 8 (Core)"
                ANSI_COLOR="0;31"
                CPE_NAME="cpe:/o:centos:centos:8"
                HOME_URL="https://www.centos.org/"
                BUG_REPORT_URL="https://bugs.centos.org/"

                CENTOS_MANTISBT_PROJECT="CentOS-8"
                CENTOS_MANTISBT_PROJECT_VERSION="8"
                REDHAT_SUPPORT_PRODUCT="centos"
                REDHAT_SUPPORT_PRODUCT_VERSION="8"

                """);
        return files;
    }

    /** The kernel the host runs, with arch (uname -r). */
    public String runningKernel(String h) {
        return cluster.faults().has(FaultKind.CENTOS_8, h) ? CENTOS_8_KERNEL : cluster.power().of(h).kernel();
    }

    static Comparator<String> kernelOrder() {
        return Rpms::compare;
    }
}
