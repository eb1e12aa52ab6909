package dev.belay.lab.play;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker} (the 17.09 CLI a Pike-era CentOS 7 Kolla host runs) over the Kolla containers in
 * {@link Services}: ps, inspect, start, stop, restart, rm, rename, pull, images, rmi, run, exec, logs.
 * The container lifecycle is this play's; what a container's process does (Galera joining, RabbitMQ
 * clustering) is the service plays', who listen to {@link Services}. A unit counts as a container
 * when this play made it or its image names a repository ({@code owner/name}); a host's systemd units
 * (no image) are not listed.
 */
public final class DockerPlay implements Play {

    /** The client and server version this play answers as. */
    public static final String VERSION = "17.09.1-ce";

    private final Map<String, Map<String, DockerContainer>> containers = new HashMap<>();
    private final Map<String, Set<String>> images = new HashMap<>();
    private final Map<String, Integer> pendingExit = new HashMap<>();
    private Cluster cluster;
    private int nextPid = 1000;
    private final DockerPs ps = new DockerPs(this);
    private final DockerInspect inspect = new DockerInspect(this);
    private final DockerLifecycle lifecycle = new DockerLifecycle(this);
    private final DockerImages imageCommands = new DockerImages(this);
    private final DockerRun run = new DockerRun(this);
    private final DockerExec exec = new DockerExec(this);

    @Override
    public Set<String> commands() {
        return Set.of("docker");
    }

    @Override
    public void attach(Cluster c) {
        this.cluster = c;
        c.services().addListener(new Services.Listener() {
            @Override
            public void started(Services.Unit unit) {
                onStarted(unit);
            }

            @Override
            public void stopped(Services.Unit unit) {
                onStopped(unit);
            }
        });
        // Power is the host plays' (HostOs stops the containers before a host goes down and brings
        // back those that ran when docker starts at boot).
        c.faults().onInject(this::apply);
    }

    @Override
    public void seed(Cluster c) {
        Instant now = c.clock().now();
        synchronized (this) {
            containers.clear();
            images.clear();
            pendingExit.clear();
        }
        for (String host : c.topology().hosts()) {
            List<String> names = Kolla.containersOn(c.topology(), host);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                // Deployed two weeks ago, one after the other (docker ps lists the newest first).
                Instant created = now.minus(Duration.ofDays(14)).plusSeconds(20L * i);
                String repo = Kolla.repository(name);
                c.services().defineRunning(host, name, repo, Kolla.STARTING_RELEASE, created.plusSeconds(2), List.of());
                synchronized (this) {
                    DockerContainer k = newContainer(host, name, repo + ":" + Kolla.STARTING_RELEASE, created);
                    k.restart = "unless-stopped";
                    k.network = "host";
                    k.env = kollaEnv(List.of("KOLLA_CONFIG_STRATEGY=COPY_ALWAYS"));
                    k.volumes = kollaVolumes(name);
                    k.startedAt = created.plusSeconds(2);
                    k.everStarted = true;
                    k.pid = nextPid++;
                    k.logs.addAll(startLogs(name));
                    images.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(k.imageRef);
                }
            }
        }
        for (Fault f : c.faults().all()) {
            apply(f);
        }
    }

    /** {@code container-exits@H:NAME}: the container stops on its own, exit status 1, no output anywhere. */
    private void apply(Fault fault) {
        if (fault.kind() != FaultKind.CONTAINER_EXITS) {
            return;
        }
        if (cluster.services().isRunning(fault.host(), fault.arg())) {
            exitsOnItsOwn(fault.host(), fault.arg(), 1, "lab: injected fault " + fault + ": the process exited");
        }
    }

    /**
     * The container's process ends by itself (a crash, a fault) with {@code exitCode}; {@code logLine}
     * goes to its log. Service plays call this instead of {@link Services#stop} so the status reads
     * {@code Exited (1)}. Do not call while holding a lock a Services listener takes.
     */
    public void exitsOnItsOwn(String host, String name, int exitCode, String logLine) {
        synchronized (this) {
            pendingExit.put(host + "/" + name, exitCode);
            DockerContainer k = find(host, name);
            if (k != null && logLine != null) {
                k.logs.add(logLine);
            }
        }
        cluster.services().stop(host, name, cluster.clock().now());
    }

    /** Appends a line to a container's log ({@code docker logs}). */
    public synchronized void log(String host, String name, String line) {
        DockerContainer k = find(host, name);
        if (k != null) {
            k.logs.add(line);
        }
    }

    /** The image (repository:tag) container {@code name} on {@code host} runs, if it exists. */
    public synchronized Optional<String> imageOf(String host, String name) {
        DockerContainer k = containerOf(host, name);
        return k == null ? Optional.empty() : Optional.of(k.imageRef);
    }

    /** Whether {@code ref} is in {@code host}'s local images. */
    public synchronized boolean hasImage(String host, String ref) {
        return images.getOrDefault(host, Set.of()).contains(withTag(ref));
    }

    /** Puts {@code ref} into {@code host}'s local images (kolla-ansible pull). */
    public synchronized void addImage(String host, String ref) {
        images.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(withTag(ref));
    }

    /**
     * Recreates container {@code name} on {@code host} from image {@code ref} keeping its options, as
     * kolla-ansible does when the configured image changed: stop, remove, create, start. Refused
     * starts leave it exited, as docker would.
     */
    public void recreate(String host, String name, String ref) {
        Instant now = cluster.clock().now();
        boolean wasRunning = cluster.services().isRunning(host, name);
        cluster.services().stop(host, name, now);
        DockerContainer k;
        synchronized (this) {
            k = containerOf(host, name);
            if (k == null) {
                return;
            }
            String old = k.imageRef;
            k.imageRef = withTag(ref);
            k.id = idOf(host + "/" + name + "/" + ref + "/" + now);
            k.created = now;
            k.exitCode = 0;
            k.everStarted = false;
            images.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(k.imageRef);
            if (old.equals(k.imageRef)) {
                k.logs.clear();
            }
        }
        cluster.services().setImage(host, name, repoOf(ref), tagOf(ref));
        if (wasRunning) {
            startContainer(host, name, List.of(), now);
        }
    }

    /** Starts container {@code name} with {@code args} for this start and every later one (kolla-ansible). */
    public void start(String host, String name, List<String> args) {
        startContainer(host, name, args, cluster.clock().now());
    }

    /** Stops container {@code name} as {@code docker stop} does. */
    public void stop(String host, String name) {
        synchronized (this) {
            DockerContainer k = containerOf(host, name);
            if (k != null) {
                k.manualStop = true;
            }
        }
        cluster.services().stop(host, name, cluster.clock().now());
    }

    /** From now on container {@code name} starts without extra arguments (after a bootstrap). */
    public synchronized void clearStartArgs(String host, String name) {
        DockerContainer k = containerOf(host, name);
        if (k != null) {
            k.startArgs = List.of();
        }
    }

    // ---------------------------------------------------------------- the command

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        List<String> args = call.args();
        if (args.isEmpty()) {
            return PlayResult.fail(0, usage());
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-v")) {
            return PlayResult.ok("Docker version " + VERSION + ", build 19e2cf6\n");
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "ps" -> ps.run(call.host(), rest);
                case "container" -> containerGroup(call, rest);
                case "inspect" -> inspect.run(call.host(), rest);
                case "stop", "start", "restart" -> lifecycle.run(call.host(), rest, args.get(0));
                case "rm" -> lifecycle.rm(call.host(), rest);
                case "rename" -> lifecycle.rename(call.host(), rest);
                case "pull" -> imageCommands.pull(call.host(), rest);
                case "images" -> imageCommands.images(call.host(), rest);
                case "rmi" -> imageCommands.rmi(call.host(), rest);
                case "run" -> run.run(call, rest);
                case "exec" -> exec.exec(call, rest);
                case "logs" -> exec.logs(call.host(), rest);
                case "version" -> PlayResult.ok(version());
                default -> PlayResult.fail(1, "docker: '" + args.get(0) + "' is not a docker command.\n"
                        + "See 'docker --help'\n");
            };
        } catch (PlayFailure f) {
            return f.result();
        }
    }

    private PlayResult containerGroup(Call call, List<String> rest) throws PlayFailure, InterruptedException {
        if (rest.isEmpty()) {
            throw new PlayFailure(1, "Usage:\tdocker container COMMAND");
        }
        List<String> more = rest.subList(1, rest.size());
        return switch (rest.get(0)) {
            case "ls", "list", "ps" -> ps.run(call.host(), more);
            case "inspect" -> inspect.run(call.host(), more);
            default -> run(call.as(prepend("docker", rest)));
        };
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /**
     * Starts a container; {@code args} null means the arguments it was created with. A start the
     * service refuses is docker's "started, then the process exited": status {@code Exited (1)}.
     */
    void startContainer(String host, String name, List<String> args, Instant now) {
        List<String> startArgs = args;
        synchronized (this) {
            DockerContainer k = containerOf(host, name);
            if (startArgs == null) {
                startArgs = k != null ? k.startArgs
                        : cluster.services().get(host, name).map(Services.Unit::args).orElse(List.of());
            } else if (k != null) {
                k.startArgs = List.copyOf(startArgs);
            }
        }
        try {
            cluster.services().start(host, name, startArgs, now);
        } catch (PlayFailure refused) {
            synchronized (this) {
                DockerContainer k = containerOf(host, name);
                if (k != null) {
                    k.everStarted = true;
                    k.startedAt = now;
                    k.finishedAt = now;
                    k.exitCode = refused.exitCode() == 0 ? 1 : refused.exitCode();
                    k.logs.addAll(startLogs(name));
                    k.logs.addAll(List.of(refused.getMessage().strip().split("\n")));
                }
            }
        }
    }

    void remove(String host, String unit) {
        cluster.services().remove(host, unit);
        synchronized (this) {
            containers.getOrDefault(host, Map.of()).remove(unit);
        }
    }

    private static String version() {
        return "Client:\n Version:      " + VERSION + "\n API version:  1.32\n Go version:   go1.8.3\n"
                + " Git commit:   19e2cf6\n Built:        Thu Dec  7 22:23:40 2017\n OS/Arch:      linux/amd64\n\n"
                + "Server:\n Version:      " + VERSION + "\n API version:  1.32 (minimum version 1.12)\n"
                + " Go version:   go1.8.3\n Git commit:   19e2cf6\n Built:        Thu Dec  7 22:25:03 2017\n"
                + " OS/Arch:      linux/amd64\n Experimental: false\n";
    }

    private static String usage() {
        return "\nUsage:\tdocker COMMAND\n\nA self-sufficient runtime for containers\n";
    }

    // ---------------------------------------------------------------- state helpers

    Cluster cluster() {
        return cluster;
    }

    /** What {@code docker pull REF} prints, the image now local ({@code docker run} pulls a missing one). */
    String pullOutput(String host, String ref) throws PlayFailure {
        return imageCommands.pullOutput(host, ref);
    }

    /** {@code host}'s local images (repository:tag), in pull order. Guarded by this play. */
    Set<String> imagesOn(String host) {
        return images.computeIfAbsent(host, h -> new LinkedHashSet<>());
    }

    /** {@code host}'s containers by name. Guarded by this play. */
    Map<String, DockerContainer> containersOn(String host) {
        return containers.computeIfAbsent(host, h -> new LinkedHashMap<>());
    }

    private void onStarted(Services.Unit unit) {
        synchronized (this) {
            DockerContainer k = containerOf(unit.host(), unit.name());
            if (k == null) {
                return;
            }
            k.startedAt = unit.since();
            k.everStarted = true;
            k.manualStop = false;
            k.exitCode = 0;
            k.pid = nextPid++;
            k.logs.addAll(startLogs(unit.name()));
        }
    }

    private void onStopped(Services.Unit unit) {
        synchronized (this) {
            DockerContainer k = containerOf(unit.host(), unit.name());
            if (k == null) {
                return;
            }
            k.finishedAt = unit.since();
            Integer code = pendingExit.remove(unit.host() + "/" + unit.name());
            k.exitCode = code == null ? 0 : code;
        }
    }

    Optional<Services.Unit> unitOf(String host, String nameOrId) {
        Optional<Services.Unit> byName = cluster.services().get(host, nameOrId);
        if (byName.isPresent() && containerOf(host, nameOrId) != null) {
            return byName;
        }
        if (nameOrId.matches("[0-9a-f]{4,64}")) {
            synchronized (this) {
                for (Map.Entry<String, DockerContainer> e : containers.getOrDefault(host, Map.of()).entrySet()) {
                    if (e.getValue().id.startsWith(nameOrId)) {
                        return cluster.services().get(host, e.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** This play's record of a container, made up on first sight for another play's container unit. */
    synchronized DockerContainer containerOf(String host, String name) {
        DockerContainer k = find(host, name);
        if (k != null) {
            return k;
        }
        Optional<Services.Unit> u = cluster.services().get(host, name);
        if (u.isEmpty() || u.get().image() == null || !u.get().image().contains("/")) {
            return null;
        }
        Services.Unit unit = u.get();
        String ref = unit.image().contains(":") ? unit.image() : unit.image() + ":" + unit.version();
        k = newContainer(host, name, ref, unit.since());
        k.restart = "unless-stopped";
        k.network = "host";
        k.everStarted = true;
        k.startedAt = unit.since();
        k.env = kollaEnv(List.of("KOLLA_CONFIG_STRATEGY=COPY_ALWAYS"));
        k.volumes = kollaVolumes(name);
        k.pid = nextPid++;
        return k;
    }

    private DockerContainer find(String host, String name) {
        return containers.getOrDefault(host, Map.of()).get(name);
    }

    DockerContainer newContainer(String host, String name, String ref, Instant created) {
        DockerContainer k = new DockerContainer();
        k.id = idOf(host + "/" + name + "/" + ref + "/" + created);
        k.created = created;
        k.imageRef = withTag(ref);
        k.path = List.of("dumb-init", "--single-child", "--", "kolla_start");
        containers.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, k);
        return k;
    }

    static List<String> kollaEnv(List<String> given) {
        List<String> env = new ArrayList<>(given);
        env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.add("KOLLA_BASE_DISTRO=centos");
        env.add("KOLLA_INSTALL_TYPE=binary");
        env.add("KOLLA_INSTALL_METATYPE=rdo");
        return env;
    }

    private static List<String> kollaVolumes(String name) {
        List<String> v = new ArrayList<>(List.of(
                "/etc/kolla/" + name + "/:/var/lib/kolla/config_files/:ro", "/etc/localtime:/etc/localtime:ro",
                "kolla_logs:/var/log/kolla/"));
        if (name.equals("mariadb")) {
            v.add("mariadb:/var/lib/mysql");
        } else if (name.equals("rabbitmq")) {
            v.add("rabbitmq:/var/lib/rabbitmq/");
        }
        return v;
    }

    static List<String> startLogs(String name) {
        return List.of(
                "INFO:__main__:Loading config file at /var/lib/kolla/config_files/config.json",
                "INFO:__main__:Validating config file",
                "INFO:__main__:Kolla config strategy set to: COPY_ALWAYS",
                "INFO:__main__:Copying service configuration files",
                "INFO:__main__:Writing out command to execute",
                "Running command: '" + serviceCommand(name) + "'");
    }

    private static String serviceCommand(String name) {
        return switch (name) {
            case "mariadb" -> "/usr/bin/mysqld_safe";
            case "rabbitmq" -> "/usr/sbin/rabbitmq-server";
            case "memcached" -> "/usr/bin/memcached -vv -l 0.0.0.0 -p 11211 -c 5000 -U 0";
            case "haproxy" -> "/usr/sbin/haproxy-systemd-wrapper -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid";
            default -> "/usr/bin/" + name.replace('_', '-');
        };
    }

    static String withTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
    }

    static String repoOf(String ref) {
        String full = withTag(ref);
        return full.substring(0, full.lastIndexOf(':'));
    }

    static String tagOf(String ref) {
        String full = withTag(ref);
        return full.substring(full.lastIndexOf(':') + 1);
    }

    static String idOf(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String value(List<String> args, int i, String opt) throws PlayFailure {
        if (i >= args.size()) {
            throw new PlayFailure(125, "flag needs an argument: " + opt);
        }
        return args.get(i);
    }
}
