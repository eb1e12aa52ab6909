package dev.belay.lab.play;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'").withZone(ZoneOffset.UTC);
    private static final String PS_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
    private static final Map<String, String> PS_HEADERS = Map.of(
            "ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "RunningFor", "CREATED",
            "CreatedAt", "CREATED AT", "Status", "STATUS", "Ports", "PORTS", "Names", "NAMES", "Labels", "LABELS",
            "Mounts", "MOUNTS");
    private static final Set<String> RUN_VALUE_OPTIONS = Set.of(
            "--name", "--net", "--network", "--restart", "-v", "--volume", "-e", "--env", "-p", "--publish",
            "-u", "--user", "-w", "--workdir", "--pid", "--ipc", "--entrypoint", "--hostname", "-h",
            "--log-driver", "--log-opt", "--label", "-l", "--cap-add", "--cap-drop", "--ulimit", "--memory", "-m",
            "--cpus", "--env-file", "--add-host", "--dns", "--tmpfs", "--mount", "--device", "--security-opt",
            "--health-cmd", "--stop-timeout", "--uts");
    /** Commands a container of these Kolla services has; other services' containers run any played command. */
    private static final Map<String, Set<String>> COMMANDS_IN = Map.of(
            "mariadb", Set.of("mysql", "mariadb", "mysqldump", "mysql_upgrade", "mysqld", "mysqladmin"),
            "rabbitmq", Set.of("rabbitmqctl"));

    /** What docker knows of a container beyond the shared service table. Guarded by the play. */
    static final class Container {
        String id;
        Instant created;
        String imageRef;
        List<String> path = List.of();
        List<String> env = List.of();
        List<String> volumes = List.of();
        String restart = "no";
        String network = "default";
        int exitCode;
        Instant startedAt;
        Instant finishedAt;
        boolean manualStop;
        boolean everStarted;
        /** What the container's process is started with every time (BOOTSTRAP_ARGS, its command). */
        List<String> startArgs = List.of();
        final List<String> logs = new ArrayList<>();
        int pid;
    }

    private final Map<String, Map<String, Container>> containers = new HashMap<>();
    private final Map<String, Set<String>> images = new HashMap<>();
    private final Map<String, Integer> pendingExit = new HashMap<>();
    private Cluster cluster;
    private int nextPid = 1000;

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
                    Container k = newContainer(host, name, repo + ":" + Kolla.STARTING_RELEASE, created);
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
            Container k = find(host, name);
            if (k != null && logLine != null) {
                k.logs.add(logLine);
            }
        }
        cluster.services().stop(host, name, cluster.clock().now());
    }

    /** Appends a line to a container's log ({@code docker logs}). */
    public synchronized void log(String host, String name, String line) {
        Container k = find(host, name);
        if (k != null) {
            k.logs.add(line);
        }
    }

    /** The image (repository:tag) container {@code name} on {@code host} runs, if it exists. */
    public synchronized Optional<String> imageOf(String host, String name) {
        Container k = containerOf(host, name);
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
        Container k;
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
            Container k = containerOf(host, name);
            if (k != null) {
                k.manualStop = true;
            }
        }
        cluster.services().stop(host, name, cluster.clock().now());
    }

    /** From now on container {@code name} starts without extra arguments (after a bootstrap). */
    public synchronized void clearStartArgs(String host, String name) {
        Container k = containerOf(host, name);
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
                case "ps" -> ps(call.host(), rest);
                case "container" -> containerGroup(call, rest);
                case "inspect" -> inspect(call.host(), rest);
                case "stop" -> lifecycle(call.host(), rest, "stop");
                case "start" -> lifecycle(call.host(), rest, "start");
                case "restart" -> lifecycle(call.host(), rest, "restart");
                case "rm" -> rm(call.host(), rest);
                case "rename" -> rename(call.host(), rest);
                case "pull" -> pull(call.host(), rest);
                case "images" -> images(call.host(), rest);
                case "rmi" -> rmi(call.host(), rest);
                case "run" -> run(call, rest);
                case "exec" -> exec(call, rest);
                case "logs" -> logs(call.host(), rest);
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
            case "ls", "list", "ps" -> ps(call.host(), more);
            case "inspect" -> inspect(call.host(), more);
            default -> run(call.as(prepend("docker", rest)));
        };
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    // ---------------------------------------------------------------- ps

    private PlayResult ps(String host, List<String> args) throws PlayFailure {
        boolean all = false;
        boolean quiet = false;
        boolean noTrunc = false;
        String format = null;
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--filter=") || a.startsWith("-f=")) {
                addFilter(filters, a.substring(a.indexOf('=') + 1));
            } else if (a.equals("--filter") || a.equals("-f")) {
                addFilter(filters, value(args, ++i, a));
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.equals("--format")) {
                format = value(args, ++i, a);
            } else if (a.equals("--no-trunc")) {
                noTrunc = true;
            } else if (a.equals("-a") || a.equals("--all")) {
                all = true;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.matches("-[aqs]+")) {
                all |= a.contains("a");
                quiet |= a.contains("q");
            } else if (a.equals("-s") || a.equals("--size") || a.equals("-l") || a.equals("--latest")) {
                // sizes and "latest" change nothing the lab can show
            } else {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker ps --help'.");
            }
        }
        if (filters.containsKey("status") || filters.containsKey("exited")) {
            all = true;
        }
        Instant now = cluster.clock().now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Services.Unit u : cluster.services().on(host)) {
            Container k;
            synchronized (this) {
                k = containerOf(host, u.name());
            }
            if (k == null || (!all && !u.running()) || !matches(filters, u, k)) {
                continue;
            }
            rows.add(psRow(u, k, now, noTrunc));
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get("_created")).reversed());
        StringBuilder out = new StringBuilder();
        if (quiet && format == null) {
            rows.forEach(r -> out.append(r.get("ID")).append('\n'));
            return PlayResult.ok(out.toString());
        }
        String f = format == null ? PS_TABLE : format;
        return PlayResult.ok(table(f, rows, PS_HEADERS));
    }

    private static String table(String format, List<Map<String, Object>> rows, Map<String, String> headers)
            throws PlayFailure {
        boolean isTable = format.startsWith("table");
        String body = GoTemplate.unescape(isTable ? format.substring("table".length()).trim() : format);
        try {
            if (!isTable) {
                StringBuilder out = new StringBuilder();
                for (Map<String, Object> r : rows) {
                    out.append(GoTemplate.render(body, r)).append('\n');
                }
                return out.toString();
            }
            TabWriter tw = new TabWriter(20);
            Map<String, Object> head = new HashMap<>();
            headers.forEach(head::put);
            rows.stream().findFirst().ifPresent(r -> r.keySet().forEach(k -> head.putIfAbsent(k, k.toUpperCase())));
            tw.row(GoTemplate.render(body, head));
            for (Map<String, Object> r : rows) {
                tw.row(GoTemplate.render(body, r));
            }
            return tw.render();
        } catch (GoTemplate.TemplateError e) {
            throw new PlayFailure(1, e.getMessage());
        }
    }

    private Map<String, Object> psRow(Services.Unit u, Container k, Instant now, boolean noTrunc) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", noTrunc ? k.id : k.id.substring(0, 12));
        r.put("Image", k.imageRef);
        String command = String.join(" ", k.path);
        if (!noTrunc && command.codePointCount(0, command.length()) > 20) {
            command = command.substring(0, 19) + "…";
        }
        r.put("Command", "\"" + command + "\"");
        r.put("CreatedAt", CREATED_AT.format(k.created));
        r.put("RunningFor", Humanize.duration(Duration.between(k.created, now)) + " ago");
        r.put("Status", status(u, k, now));
        r.put("Ports", "");
        r.put("Names", u.name());
        r.put("Labels", "");
        r.put("Mounts", String.join(",", k.volumes.stream().map(v -> v.split(":")[0]).toList()));
        r.put("Size", "0B");
        r.put("Networks", k.network);
        r.put("_created", k.created);
        return r;
    }

    private static String status(Services.Unit u, Container k, Instant now) {
        if (u.running()) {
            return "Up " + Humanize.duration(Duration.between(u.since(), now));
        }
        if (!k.everStarted && k.finishedAt == null) {
            return "Created";
        }
        Instant at = k.finishedAt == null ? u.since() : k.finishedAt;
        return "Exited (" + k.exitCode + ") " + Humanize.duration(Duration.between(at, now)) + " ago";
    }

    private static String state(Services.Unit u, Container k) {
        if (u.running()) {
            return "running";
        }
        return !k.everStarted && k.finishedAt == null ? "created" : "exited";
    }

    private static void addFilter(Map<String, List<String>> filters, String spec) throws PlayFailure {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new PlayFailure(1, "Error response from daemon: Invalid filter '" + spec + "'");
        }
        String key = spec.substring(0, eq);
        if (!Set.of("name", "status", "health", "ancestor", "id", "exited", "label", "volume", "network").contains(key)) {
            throw new PlayFailure(1, "Error response from daemon: Invalid filter '" + key + "'");
        }
        filters.computeIfAbsent(key, x -> new ArrayList<>()).add(spec.substring(eq + 1));
    }

    private boolean matches(Map<String, List<String>> filters, Services.Unit u, Container k) throws PlayFailure {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            boolean any = false;
            for (String v : f.getValue()) {
                any |= switch (f.getKey()) {
                    case "name" -> regexFind(v, u.name());
                    case "status" -> state(u, k).equals(v);
                    // Kolla's Pike images define no health checks: every container's health is "none".
                    case "health" -> v.equals("none");
                    case "ancestor" -> k.imageRef.equals(withTag(v)) || repoOf(k.imageRef).equals(v);
                    case "id" -> k.id.startsWith(v);
                    case "exited" -> !u.running() && k.everStarted && String.valueOf(k.exitCode).equals(v);
                    case "volume" -> k.volumes.stream().anyMatch(x -> x.startsWith(v + ":") || x.contains(":" + v));
                    case "network" -> k.network.equals(v);
                    default -> false;
                };
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean regexFind(String regex, String name) throws PlayFailure {
        try {
            return Pattern.compile(regex).matcher(name).find();
        } catch (PatternSyntaxException e) {
            throw new PlayFailure(1, "Error response from daemon: error parsing regexp: " + e.getDescription()
                    + ": `" + regex + "`");
        }
    }

    // ---------------------------------------------------------------- inspect

    private PlayResult inspect(String host, List<String> args) throws PlayFailure {
        String format = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-f") || a.equals("--format")) {
                format = value(args, ++i, a);
            } else if (a.startsWith("--format=") || a.startsWith("-f=")) {
                format = a.substring(a.indexOf('=') + 1);
            } else if (a.equals("--type")) {
                i++;
            } else if (a.startsWith("--type=") || a.equals("-s") || a.equals("--size")) {
                // only containers are inspected here
            } else if (a.startsWith("-")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker inspect --help'.");
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw new PlayFailure(1, "\"docker inspect\" requires at least 1 argument.\nSee 'docker inspect --help'.");
        }
        List<Map<String, Object>> found = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Optional<Services.Unit> u = unitOf(host, name);
            if (u.isEmpty()) {
                err.append("Error: No such object: ").append(name).append('\n');
                continue;
            }
            Map<String, Object> doc = inspectDoc(u.get(), containerOf(host, u.get().name()));
            if (format == null) {
                found.add(doc);
            } else {
                try {
                    out.append(GoTemplate.render(GoTemplate.unescape(format), doc)).append('\n');
                } catch (GoTemplate.TemplateError e) {
                    throw new PlayFailure(1, e.getMessage());
                }
            }
        }
        if (format == null) {
            out.append(GoTemplate.json(found, true)).append('\n');
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private Map<String, Object> inspectDoc(Services.Unit u, Container k) {
        Map<String, Object> state = new LinkedHashMap<>();
        String st = state(u, k);
        state.put("Status", st);
        state.put("Running", u.running());
        state.put("Paused", false);
        state.put("Restarting", false);
        state.put("OOMKilled", false);
        state.put("Dead", false);
        state.put("Pid", u.running() ? k.pid : 0);
        state.put("ExitCode", u.running() ? 0 : k.exitCode);
        state.put("Error", "");
        state.put("StartedAt", goTime(k.startedAt));
        state.put("FinishedAt", goTime(k.finishedAt));
        Map<String, Object> restart = new LinkedHashMap<>();
        restart.put("Name", k.restart);
        restart.put("MaximumRetryCount", 0);
        Map<String, Object> hostConfig = new LinkedHashMap<>();
        hostConfig.put("Binds", k.volumes.isEmpty() ? null : k.volumes);
        hostConfig.put("NetworkMode", k.network);
        hostConfig.put("RestartPolicy", restart);
        hostConfig.put("AutoRemove", false);
        hostConfig.put("Privileged", false);
        List<Object> mounts = new ArrayList<>();
        for (String v : k.volumes) {
            String[] p = v.split(":");
            boolean named = !p[0].startsWith("/");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", named ? "volume" : "bind");
            if (named) {
                m.put("Name", p[0]);
            }
            m.put("Source", named ? "/var/lib/docker/volumes/" + p[0] + "/_data" : p[0]);
            m.put("Destination", p.length > 1 ? p[1] : p[0]);
            m.put("Driver", named ? "local" : "");
            m.put("Mode", p.length > 2 ? p[2] : (named ? "z" : ""));
            m.put("RW", !(p.length > 2 && p[2].contains("ro")));
            m.put("Propagation", named ? "" : "rprivate");
            mounts.add(m);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", u.host());
        config.put("Domainname", "");
        config.put("User", "");
        config.put("Tty", false);
        config.put("OpenStdin", false);
        config.put("Env", k.env);
        config.put("Cmd", k.path.size() > 0 && !k.path.get(0).equals("dumb-init") ? k.path : List.of("kolla_start"));
        config.put("Image", k.imageRef);
        config.put("WorkingDir", "");
        config.put("Entrypoint", null);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("build-date", "20180118");
        labels.put("kolla_version", "5.0.1");
        labels.put("name", Kolla.serviceOf(k.imageRef));
        config.put("Labels", labels);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Id", k.id);
        doc.put("Created", goTime(k.created));
        doc.put("Path", k.path.isEmpty() ? "" : k.path.get(0));
        doc.put("Args", k.path.size() > 1 ? k.path.subList(1, k.path.size()) : List.of());
        doc.put("State", state);
        doc.put("Image", "sha256:" + idOf(k.imageRef));
        doc.put("ResolvConfPath", "/var/lib/docker/containers/" + k.id + "/resolv.conf");
        doc.put("HostnamePath", "/var/lib/docker/containers/" + k.id + "/hostname");
        doc.put("HostsPath", "/var/lib/docker/containers/" + k.id + "/hosts");
        doc.put("LogPath", "/var/lib/docker/containers/" + k.id + "/" + k.id + "-json.log");
        doc.put("Name", "/" + u.name());
        doc.put("RestartCount", 0);
        doc.put("Driver", "overlay2");
        doc.put("Platform", "linux");
        doc.put("MountLabel", "");
        doc.put("ProcessLabel", "");
        doc.put("AppArmorProfile", "");
        doc.put("ExecIDs", null);
        doc.put("HostConfig", hostConfig);
        doc.put("Mounts", mounts);
        doc.put("Config", config);
        return doc;
    }

    private static String goTime(Instant t) {
        return t == null ? "0001-01-01T00:00:00Z" : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    // ---------------------------------------------------------------- start, stop, restart, rm, rename

    private PlayResult lifecycle(String host, List<String> args, String verb) throws PlayFailure {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-t") || a.equals("--time")) {
                i++;
            } else if (a.startsWith("--time=") || a.equals("-a") || a.equals("-i") || a.equals("--attach")
                    || a.equals("--interactive")) {
                // attach flags do not change what a detached lab container does
            } else if (a.startsWith("-")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker " + verb + " --help'.");
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw new PlayFailure(1, "\"docker " + verb + "\" requires at least 1 argument.\nSee 'docker "
                    + verb + " --help'.");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : names) {
            Optional<Services.Unit> u = unitOf(host, name);
            if (u.isEmpty()) {
                err.append(verb.equals("start") ? "Error response from daemon: No such container: " + name
                                + "\nError: failed to start containers: " + name
                                : "Error response from daemon: No such container: " + name)
                        .append('\n');
                continue;
            }
            String unit = u.get().name();
            Instant now = cluster.clock().now();
            if (verb.equals("stop") || verb.equals("restart")) {
                synchronized (this) {
                    containerOf(host, unit).manualStop = !verb.equals("restart");
                }
                cluster.services().stop(host, unit, now);
            }
            if (verb.equals("start") || verb.equals("restart")) {
                startContainer(host, unit, null, now);
            }
            out.append(name).append('\n');
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    /**
     * Starts a container; {@code args} null means the arguments it was created with. A start the
     * service refuses is docker's "started, then the process exited": status {@code Exited (1)}.
     */
    private void startContainer(String host, String name, List<String> args, Instant now) {
        List<String> startArgs = args;
        synchronized (this) {
            Container k = containerOf(host, name);
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
                Container k = containerOf(host, name);
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

    private PlayResult rm(String host, List<String> args) throws PlayFailure {
        boolean force = false;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-f") || a.equals("--force")) {
                force = true;
            } else if (a.equals("-v") || a.equals("--volumes") || a.equals("-fv") || a.equals("-vf")) {
                force |= a.contains("f");
            } else if (a.startsWith("-")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker rm --help'.");
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw new PlayFailure(1, "\"docker rm\" requires at least 1 argument.\nSee 'docker rm --help'.");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : names) {
            Optional<Services.Unit> u = unitOf(host, name);
            if (u.isEmpty()) {
                err.append("Error: No such container: ").append(name).append('\n');
                continue;
            }
            String unit = u.get().name();
            if (u.get().running()) {
                if (!force) {
                    err.append("Error response from daemon: You cannot remove a running container ")
                            .append(containerOf(host, unit).id)
                            .append(". Stop the container before attempting removal or force remove\n");
                    continue;
                }
                cluster.services().stop(host, unit, cluster.clock().now());
            }
            remove(host, unit);
            out.append(name).append('\n');
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private void remove(String host, String unit) {
        cluster.services().remove(host, unit);
        synchronized (this) {
            containers.getOrDefault(host, Map.of()).remove(unit);
        }
    }

    private PlayResult rename(String host, List<String> args) throws PlayFailure {
        if (args.size() != 2) {
            throw new PlayFailure(1, "\"docker rename\" requires exactly 2 arguments.\nSee 'docker rename --help'.");
        }
        String from = args.get(0);
        String to = args.get(1);
        Optional<Services.Unit> u = unitOf(host, from);
        if (u.isEmpty()) {
            throw new PlayFailure(1, "Error response from daemon: No such container: " + from);
        }
        Optional<Services.Unit> taken = cluster.services().get(host, to);
        if (taken.isPresent()) {
            throw new PlayFailure(1, "Error response from daemon: Error when allocating new name: Conflict. "
                    + "The container name \"/" + to + "\" is already in use by container \""
                    + containerOf(host, to).id + "\". You have to remove (or rename) that container to be able "
                    + "to reuse that name.");
        }
        String unit = u.get().name();
        synchronized (this) {
            Container k = containerOf(host, unit);
            Map<String, Container> mine = containers.get(host);
            mine.remove(unit);
            mine.put(to, k);
        }
        cluster.services().rename(host, unit, to);
        return PlayResult.ok("");
    }

    // ---------------------------------------------------------------- images

    private PlayResult pull(String host, List<String> args) throws PlayFailure {
        List<String> refs = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (refs.size() != 1) {
            throw new PlayFailure(1, "\"docker pull\" requires exactly 1 argument.\nSee 'docker pull --help'.");
        }
        return PlayResult.ok(pullOutput(host, refs.get(0)));
    }

    private String pullOutput(String host, String ref) throws PlayFailure {
        String full = withTag(ref);
        String repo = repoOf(full);
        String tag = tagOf(full);
        if (!repo.contains("/") || !Kolla.servesTag(tag)) {
            throw new PlayFailure(1, "Error response from daemon: manifest for " + full + " not found");
        }
        StringBuilder out = new StringBuilder(tag + ": Pulling from " + repo + "\n");
        boolean had = hasImage(host, full);
        if (!had) {
            // Layers: the CentOS base is shared by every Kolla image; the service's own layers are new.
            out.append("af4b0a2388c6: Already exists\n").append("a8d1a3c4d7b5: Already exists\n");
            String h = idOf(full);
            out.append(h, 0, 12).append(": Pull complete\n").append(h, 12, 24).append(": Pull complete\n");
        }
        out.append("Digest: sha256:").append(idOf("digest/" + full)).append('\n');
        out.append(had ? "Status: Image is up to date for " + full + "\n"
                : "Status: Downloaded newer image for " + full + "\n");
        addImage(host, full);
        return out.toString();
    }

    private PlayResult images(String host, List<String> args) {
        boolean quiet = args.contains("-q") || args.contains("--quiet");
        TabWriter tw = new TabWriter(20);
        tw.row("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE");
        StringBuilder q = new StringBuilder();
        List<String> refs;
        synchronized (this) {
            refs = new ArrayList<>(images.getOrDefault(host, Set.of()));
        }
        for (String ref : refs) {
            String id = idOf(ref).substring(0, 12);
            tw.row(repoOf(ref) + "\t" + tagOf(ref) + "\t" + id + "\t" + "3 weeks ago" + "\t" + "1.02GB");
            q.append(id).append('\n');
        }
        return PlayResult.ok(quiet ? q.toString() : tw.render());
    }

    private PlayResult rmi(String host, List<String> args) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            String ref = withTag(a);
            synchronized (this) {
                Set<String> mine = images.getOrDefault(host, new LinkedHashSet<>());
                String user = containers.getOrDefault(host, Map.of()).values().stream()
                        .filter(k -> k.imageRef.equals(ref)).map(k -> k.id.substring(0, 12)).findFirst().orElse(null);
                if (!mine.contains(ref)) {
                    err.append("Error: No such image: ").append(a).append('\n');
                } else if (user != null) {
                    err.append("Error response from daemon: conflict: unable to remove repository reference \"")
                            .append(a).append("\" (must force) - container ").append(user)
                            .append(" is using its referenced image ").append(idOf(ref), 0, 12).append('\n');
                } else {
                    mine.remove(ref);
                    out.append("Untagged: ").append(ref).append('\n')
                            .append("Deleted: sha256:").append(idOf(ref)).append('\n');
                }
            }
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    // ---------------------------------------------------------------- run

    private PlayResult run(Call call, List<String> args) throws PlayFailure, InterruptedException {
        String host = call.host();
        boolean detach = false;
        boolean autoRemove = false;
        String name = null;
        String restart = "no";
        String network = "default";
        List<String> env = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        String entrypoint = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                break;
            }
            String opt = a;
            String val = null;
            if (a.startsWith("--") && a.contains("=")) {
                opt = a.substring(0, a.indexOf('='));
                val = a.substring(a.indexOf('=') + 1);
            }
            if (RUN_VALUE_OPTIONS.contains(opt)) {
                if (val == null) {
                    val = value(args, ++i, opt);
                }
                switch (opt) {
                    case "--name" -> name = val;
                    case "--restart" -> restart = val;
                    case "--net", "--network" -> network = val;
                    case "-e", "--env" -> env.add(val);
                    case "-v", "--volume" -> volumes.add(val);
                    case "--entrypoint" -> entrypoint = val;
                    default -> {
                    }
                }
            } else if (opt.equals("--rm")) {
                autoRemove = true;
            } else if (opt.equals("-d") || opt.equals("--detach")) {
                detach = true;
            } else if (opt.matches("-[dit]+")) {
                detach |= opt.contains("d");
            } else if (!Set.of("-i", "-t", "--interactive", "--tty", "--privileged", "--init", "--read-only")
                    .contains(opt)) {
                throw new PlayFailure(125, "unknown flag: " + opt + "\nSee 'docker run --help'.");
            }
        }
        if (i >= args.size()) {
            throw new PlayFailure(125, "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.");
        }
        String ref = withTag(args.get(i));
        List<String> cmd = new ArrayList<>(args.subList(i + 1, args.size()));
        if (entrypoint != null && !entrypoint.isEmpty()) {
            // As docker does: the entrypoint is the program, the words after the image its arguments.
            cmd.add(0, entrypoint.substring(entrypoint.lastIndexOf('/') + 1));
        }
        cmd = List.copyOf(cmd);
        if (name == null) {
            name = "lab_" + idOf(ref + cluster.clock().now()).substring(0, 8);
        }
        Optional<Services.Unit> taken = cluster.services().get(host, name);
        if (taken.isPresent()) {
            Container k = containerOf(host, name);
            throw new PlayFailure(125, "docker: Error response from daemon: Conflict. The container name \"/" + name
                    + "\" is already in use by container \"" + (k == null ? idOf(host + name) : k.id)
                    + "\". You have to remove (or rename) that container to be able to reuse that name.\n"
                    + "See 'docker run --help'.");
        }
        StringBuilder err = new StringBuilder();
        if (!hasImage(host, ref)) {
            err.append("Unable to find image '").append(ref).append("' locally\n");
            try {
                err.append(pullOutput(host, ref));
            } catch (PlayFailure notServed) {
                throw new PlayFailure(125, err + "docker: " + notServed.getMessage() + ".\nSee 'docker run --help'.");
            }
        }
        Instant now = cluster.clock().now();
        String service = Kolla.serviceOf(ref);
        Container k;
        synchronized (this) {
            k = newContainer(host, name, ref, now);
            k.restart = restart;
            k.network = network;
            k.env = kollaEnv(env);
            k.volumes = List.copyOf(volumes);
            if (!cmd.isEmpty()) {
                k.path = cmd;
            }
        }
        cluster.services().define(host, name, repoOf(ref), tagOf(ref), now);
        boolean bootstrap = env.stream().anyMatch(e -> e.equals("KOLLA_BOOTSTRAP") || e.startsWith("KOLLA_BOOTSTRAP="));
        if (bootstrap || !cmd.isEmpty()) {
            // A one-shot container: it runs its job in the foreground and exits.
            PlayResult job = bootstrap
                    ? cluster.play(GaleraPlay.class).bootstrapService(host, service, tagOf(ref))
                    : cluster.dispatch(call.as(cmd));
            synchronized (this) {
                k.everStarted = true;
                k.startedAt = now;
                k.finishedAt = cluster.clock().now();
                k.exitCode = job.exitCode();
                k.logs.addAll(List.of((job.stdout() + job.stderr()).split("\n")));
            }
            if (autoRemove) {
                remove(host, name);
            }
            if (detach) {
                return new PlayResult(k.id + "\n", err.toString(), 0);
            }
            return new PlayResult(job.stdout(), err + job.stderr(), job.exitCode());
        }
        List<String> startArgs = new ArrayList<>();
        env.stream().filter(e -> e.startsWith("BOOTSTRAP_ARGS="))
                .forEach(e -> startArgs.addAll(List.of(e.substring("BOOTSTRAP_ARGS=".length()).trim().split("\\s+"))));
        startContainer(host, name, startArgs, now);
        return new PlayResult(detach ? k.id + "\n" : "", err.toString(), 0);
    }

    // ---------------------------------------------------------------- exec, logs

    private PlayResult exec(Call call, List<String> args) throws PlayFailure, InterruptedException {
        String host = call.host();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                break;
            }
            if (Set.of("-u", "--user", "-e", "--env", "-w", "--workdir").contains(a)) {
                i++;
            } else if (!a.matches("-[dit]+") && !Set.of("--interactive", "--tty", "--privileged", "--detach")
                    .contains(a) && !a.contains("=")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker exec --help'.");
            }
        }
        if (args.size() - i < 2) {
            throw new PlayFailure(1, "\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.");
        }
        String name = args.get(i);
        List<String> cmd = args.subList(i + 1, args.size());
        Optional<Services.Unit> u = unitOf(host, name);
        if (u.isEmpty()) {
            throw new PlayFailure(1, "Error: No such container: " + name);
        }
        Container k = containerOf(host, u.get().name());
        if (!u.get().running()) {
            throw new PlayFailure(1, "Error response from daemon: Container " + k.id + " is not running");
        }
        String exe = cmd.get(0).substring(cmd.get(0).lastIndexOf('/') + 1);
        if (exe.equals("cat")) {
            return cat(host, k, cmd.subList(1, cmd.size()));
        }
        String service = Kolla.serviceOf(k.imageRef);
        if ((exe.equals("sh") || exe.equals("bash")) && cmd.size() == 3 && cmd.get(1).equals("-c")) {
            return shellIn(call, cmd.get(2));
        }
        if (exe.equals("test") && cmd.size() == 3 && cmd.get(1).equals("-S")) {
            // The only socket the lab plays is HAProxy's admin socket, inside the haproxy container.
            boolean socket = "haproxy".equals(service) && cmd.get(2).equals(SocatPlay.SOCKET);
            return socket ? PlayResult.ok("") : PlayResult.fail(1, "");
        }
        Set<String> inside = COMMANDS_IN.get(service);
        boolean present = inside == null ? cluster.commands().contains(exe) : inside.contains(exe);
        if (!present || !cluster.commands().contains(exe)) {
            throw new PlayFailure(126, "rpc error: code = 2 desc = oci runtime error: exec failed: "
                    + "container_linux.go:262: starting container process caused \"exec: \\\"" + cmd.get(0)
                    + "\\\": executable file not found in $PATH\"\n");
        }
        List<String> argv = new ArrayList<>(cmd);
        argv.set(0, exe);
        return cluster.dispatch(call.as(argv));
    }

    /** {@code echo 'REQUEST' | COMMAND ARGS...}: the one shell form the runbooks send into a container. */
    private static final java.util.regex.Pattern ECHO_PIPE =
            java.util.regex.Pattern.compile("\\s*echo\\s+(?:'([^']*)'|\"([^\"]*)\"|(\\S+))\\s*\\|\\s*([^|;&`$]+?)\\s*");

    /**
     * {@code docker exec C sh -c SCRIPT}: the lab plays the container's shell for a request piped
     * into a played command (HAProxy's admin socket: {@code echo 'show stat' | socat stdio SOCK}).
     * Anything else is refused by name rather than run on the host, outside the container.
     */
    private PlayResult shellIn(Call call, String script) throws PlayFailure, InterruptedException {
        java.util.regex.Matcher m = ECHO_PIPE.matcher(script);
        if (!m.matches()) {
            throw new PlayFailure(126, "lab: the lab plays `sh -c` in a container only as "
                    + "`echo REQUEST | COMMAND ARGS`; not: " + script + "\n");
        }
        String request = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        List<String> argv = new ArrayList<>();
        for (String w : m.group(4).trim().split("\\s+")) {
            argv.add(w.replaceAll("^['\"]|['\"]$", ""));
        }
        if (!cluster.commands().contains(argv.get(0))) {
            throw new PlayFailure(127, "sh: " + argv.get(0) + ": command not found\n");
        }
        return cluster.dispatch(new Call(call.host(), argv, request + "\n", call.cluster()));
    }

    /** {@code cat} inside a container: its volumes map container paths onto host files. */
    private PlayResult cat(String host, Container k, List<String> paths) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String p : paths) {
            Optional<String> content = cluster.files().read(host, hostPath(k, p));
            if (content.isPresent()) {
                out.append(content.get());
            } else {
                err.append("cat: ").append(p).append(": No such file or directory\n");
            }
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** The host path behind {@code path} inside container {@code k} (through its volumes). */
    static String hostPath(Container k, String path) {
        for (String v : k.volumes) {
            String[] p = v.split(":");
            if (p.length < 2) {
                continue;
            }
            String dst = p[1].endsWith("/") ? p[1].substring(0, p[1].length() - 1) : p[1];
            if (path.equals(dst) || path.startsWith(dst + "/")) {
                String src = p[0].startsWith("/") ? p[0] : "/var/lib/docker/volumes/" + p[0] + "/_data";
                src = src.endsWith("/") ? src.substring(0, src.length() - 1) : src;
                return src + path.substring(dst.length());
            }
        }
        return "/var/lib/docker/overlay2/" + k.id + "/merged" + path;
    }

    private PlayResult logs(String host, List<String> args) throws PlayFailure {
        Integer tail = null;
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--tail")) {
                String v = value(args, ++i, a);
                tail = v.equals("all") ? null : Integer.valueOf(v);
            } else if (a.startsWith("--tail=")) {
                String v = a.substring(7);
                tail = v.equals("all") ? null : Integer.valueOf(v);
            } else if (a.equals("--since") || a.equals("--until")) {
                i++;
            } else if (!a.startsWith("-")) {
                name = a;
            }
        }
        if (name == null) {
            throw new PlayFailure(1, "\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.");
        }
        Optional<Services.Unit> u = unitOf(host, name);
        if (u.isEmpty()) {
            throw new PlayFailure(1, "Error: No such container: " + name);
        }
        List<String> lines;
        synchronized (this) {
            lines = new ArrayList<>(containerOf(host, u.get().name()).logs);
        }
        if (tail != null && tail < lines.size()) {
            lines = lines.subList(lines.size() - tail, lines.size());
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        // Kolla services log to stderr; docker logs passes each stream through as it was written.
        return new PlayResult("", out.toString(), 0);
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

    private void onStarted(Services.Unit unit) {
        synchronized (this) {
            Container k = containerOf(unit.host(), unit.name());
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
            Container k = containerOf(unit.host(), unit.name());
            if (k == null) {
                return;
            }
            k.finishedAt = unit.since();
            Integer code = pendingExit.remove(unit.host() + "/" + unit.name());
            k.exitCode = code == null ? 0 : code;
        }
    }

    private Optional<Services.Unit> unitOf(String host, String nameOrId) {
        Optional<Services.Unit> byName = cluster.services().get(host, nameOrId);
        if (byName.isPresent() && containerOf(host, nameOrId) != null) {
            return byName;
        }
        if (nameOrId.matches("[0-9a-f]{4,64}")) {
            synchronized (this) {
                for (Map.Entry<String, Container> e : containers.getOrDefault(host, Map.of()).entrySet()) {
                    if (e.getValue().id.startsWith(nameOrId)) {
                        return cluster.services().get(host, e.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** This play's record of a container, made up on first sight for another play's container unit. */
    private synchronized Container containerOf(String host, String name) {
        Container k = find(host, name);
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

    private Container find(String host, String name) {
        return containers.getOrDefault(host, Map.of()).get(name);
    }

    private Container newContainer(String host, String name, String ref, Instant created) {
        Container k = new Container();
        k.id = idOf(host + "/" + name + "/" + ref + "/" + created);
        k.created = created;
        k.imageRef = withTag(ref);
        k.path = List.of("dumb-init", "--single-child", "--", "kolla_start");
        containers.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, k);
        return k;
    }

    private static List<String> kollaEnv(List<String> given) {
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

    private static List<String> startLogs(String name) {
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

    private static String value(List<String> args, int i, String opt) throws PlayFailure {
        if (i >= args.size()) {
            throw new PlayFailure(125, "flag needs an argument: " + opt);
        }
        return args.get(i);
    }
}
