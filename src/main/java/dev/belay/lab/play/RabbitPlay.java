package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RabbitMQ 3.6 (the broker of Pike/Queens Kolla images) over the lab's {@code rabbitmq} containers,
 * answering {@code rabbitmqctl}: cluster_status and status in the Erlang-term format, stop_app,
 * start_app, force_boot, reset, join_cluster, forget_cluster_node, list_queues, set_policy,
 * clear_policy, list_policies. Membership lives in each node's mnesia directory on the host
 * ({@link #MNESIA}): a node that still has it rejoins its old cluster, and a node that was not the
 * last of its cluster to stop waits for the last one (up to 10 × 30 s, as the real broker) before its
 * boot fails; a node whose mnesia was removed joins whatever cluster runs (peer discovery) or forms one.
 */
public final class RabbitPlay implements Play {

    /** The mnesia directory of the Kolla container's volume, as seen from the host. */
    public static final String MNESIA = "/var/lib/docker/volumes/rabbitmq/_data/mnesia";
    /** How long a node waits for the last node of its cluster (mnesia_table_loading_retry_limit × timeout). */
    public static final Duration TABLE_WAIT = Duration.ofSeconds(300);
    /** After a cluster forms afresh, how long until the OpenStack services have declared their queues again. */
    static final Duration REDECLARE = Duration.ofSeconds(30);
    private static final List<String> TABLES = List.of("rabbit_user", "rabbit_user_permission", "rabbit_vhost",
            "rabbit_durable_route", "rabbit_durable_exchange", "rabbit_runtime_parameters", "rabbit_durable_queue");

    enum Phase { DOWN, APP_STOPPED, BOOTING, RUNNING }

    record Policy(String vhost, String name, String applyTo, String pattern, String definition, int priority) {
    }

    /** One RabbitMQ cluster: its disc nodes, policies, and who ran last. */
    static final class Rabbits {
        final String name;
        final List<String> members = new ArrayList<>();
        final List<Policy> policies = new ArrayList<>();
        Instant formedAt;
        String lastRunning;

        Rabbits(String name, Instant formedAt) {
            this.name = name;
            this.formedAt = formedAt;
        }
    }

    static final class Node {
        final String host;
        Phase phase = Phase.DOWN;
        Rabbits cluster;
        Instant since;
        Instant bootDeadline;
        boolean bootViaContainer;
        boolean forceBoot;
        String unit = "rabbitmq";
        String release = Kolla.STARTING_RELEASE;

        Node(String host) {
            this.host = host;
        }
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private Cluster cluster;

    @Override
    public Set<String> commands() {
        return Set.of("rabbitmqctl");
    }

    @Override
    public void attach(Cluster c) {
        this.cluster = c;
        c.services().addListener(new Services.Listener() {
            @Override
            public void started(Services.Unit unit) {
                if (isRabbit(unit)) {
                    vmUp(unit);
                }
            }

            @Override
            public void stopped(Services.Unit unit) {
                if (isRabbit(unit)) {
                    vmDown(unit);
                }
            }
        });
    }

    static boolean isRabbit(Services.Unit unit) {
        if (unit.image() != null && !unit.image().isBlank()) {
            return Kolla.serviceOf(unit.image()).equals("rabbitmq");
        }
        return Set.of("rabbitmq", "rabbitmq-server").contains(unit.name());
    }

    @Override
    public void seed(Cluster c) {
        Instant now = c.clock().now();
        synchronized (this) {
            nodes.clear();
            Rabbits r = null;
            for (String host : c.topology().hosts()) {
                Optional<Services.Unit> u = c.services().on(host).stream().filter(RabbitPlay::isRabbit).findFirst();
                if (u.isEmpty()) {
                    continue;
                }
                // A broker a start fault stopped (container-exits@H:rabbitmq) is still a disc member, down.
                if (r == null) {
                    r = new Rabbits(nodeName(host), u.get().since());
                    r.policies.add(new Policy("/", "ha-all", "all", "^(?!amq\\.).*", "{\"ha-mode\":\"all\"}", 0));
                }
                Node n = node(host);
                n.unit = u.get().name();
                n.release = u.get().version();
                n.phase = u.get().running() ? Phase.RUNNING : Phase.DOWN;
                n.cluster = r;
                n.since = u.get().since();
                r.members.add(host);
            }
            if (r != null) {
                for (String host : r.members) {
                    writeMnesia(host, r);
                }
            }
        }
    }

    @Override
    public void catchUp(Instant now) {
        List<Node> failed = new ArrayList<>();
        synchronized (this) {
            for (Node n : nodes.values()) {
                if (n.phase == Phase.BOOTING && !now.isBefore(n.bootDeadline)) {
                    n.phase = Phase.APP_STOPPED;
                    if (n.bootViaContainer) {
                        failed.add(n);
                    }
                }
            }
        }
        DockerPlay docker = cluster.play(DockerPlay.class);
        for (Node n : failed) {
            docker.exitsOnItsOwn(n.host, n.unit, 1, bootFailed(n));
        }
    }

    // ---------------------------------------------------------------- lifecycle

    private void vmUp(Services.Unit unit) {
        synchronized (this) {
            Node n = node(unit.host());
            n.unit = unit.name();
            n.release = unit.version();
            n.since = unit.since();
            n.phase = Phase.APP_STOPPED;
            boot(n, unit.since(), true);
        }
    }

    private void vmDown(Services.Unit unit) {
        synchronized (this) {
            Node n = nodes.get(unit.host());
            if (n == null || !n.unit.equals(unit.name())) {
                return;
            }
            appStopped(n, unit.since());
            n.phase = Phase.DOWN;
        }
    }

    /** The rabbit application starts on {@code n}: joins, forms, waits for the last node, or runs alone. */
    private void boot(Node n, Instant now, boolean viaContainer) {
        n.bootViaContainer = viaContainer;
        boolean hasMnesia = cluster.files().exists(n.host, mnesiaDir(n.host));
        if (cluster.faults().has(FaultKind.RABBITMQ_REJOIN_FAILS, n.host)) {
            // The fault: the node comes up on its own, a cluster of one, whatever its mnesia says.
            Rabbits alone = new Rabbits(nodeName(n.host), now);
            alone.members.add(n.host);
            n.cluster = alone;
            run(n, now);
            return;
        }
        if (!hasMnesia || n.cluster == null) {
            Optional<Rabbits> running = nodes.values().stream()
                    .filter(m -> m != n && m.phase == Phase.RUNNING && m.cluster != null).map(m -> m.cluster).findFirst();
            Rabbits r = running.orElseGet(() -> {
                Rabbits fresh = new Rabbits(nodeName(n.host), now);
                return fresh;
            });
            if (n.cluster != null && n.cluster != r) {
                n.cluster.members.remove(n.host);
            }
            if (!r.members.contains(n.host)) {
                r.members.add(n.host);
            }
            n.cluster = r;
            run(n, now);
            r.members.forEach(h -> writeMnesia(h, r));
            return;
        }
        Rabbits r = n.cluster;
        boolean peerRunning = r.members.stream().map(nodes::get)
                .anyMatch(m -> m != null && m != n && m.phase == Phase.RUNNING);
        boolean wasLast = n.host.equals(r.lastRunning) || r.lastRunning == null;
        if (peerRunning || wasLast || n.forceBoot) {
            n.forceBoot = false;
            run(n, now);
            return;
        }
        n.phase = Phase.BOOTING;
        n.bootDeadline = now.plus(TABLE_WAIT);
    }

    private void run(Node n, Instant now) {
        notifyAll();
        n.phase = Phase.RUNNING;
        n.since = now;
        // Nodes waiting for this one's tables come up with it.
        for (Node waiting : nodes.values()) {
            if (waiting.phase == Phase.BOOTING && waiting.cluster == n.cluster) {
                waiting.phase = Phase.RUNNING;
                waiting.since = now;
            }
        }
    }

    private void appStopped(Node n, Instant now) {
        if (n.phase == Phase.RUNNING && n.cluster != null) {
            boolean others = n.cluster.members.stream().map(nodes::get)
                    .anyMatch(m -> m != null && m != n && m.phase == Phase.RUNNING);
            if (!others) {
                n.cluster.lastRunning = n.host;
            }
        }
        if (n.phase != Phase.DOWN) {
            n.phase = Phase.APP_STOPPED;
        }
    }

    private String mnesiaDir(String host) {
        return MNESIA + "/" + nodeName(host);
    }

    private void writeMnesia(String host, Rabbits r) {
        String nodesTerm = "[" + String.join(",", r.members.stream().map(RabbitPlay::atom).toList()) + "]";
        cluster.files().write(host, mnesiaDir(host) + "/cluster_nodes.config", "{" + nodesTerm + "," + nodesTerm + "}.\n");
    }

    private String bootFailed(Node n) {
        List<String> others = n.cluster.members.stream().filter(h -> !h.equals(n.host)).map(RabbitPlay::atom).toList();
        return "\nBOOT FAILED\n===========\n\nTimeout contacting cluster nodes: [" + String.join(",", others) + "].\n\n"
                + "BACKGROUND\n==========\n\nThis cluster node was shut down while other nodes were still running.\n"
                + "To avoid losing data, you should start the other nodes first, then\nstart this one. To force this "
                + "node to start, first invoke\n\"rabbitmqctl force_boot\". If you do so, any changes made on other\n"
                + "cluster nodes after this one was shut down may be lost.";
    }

    // ---------------------------------------------------------------- rabbitmqctl

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        List<String> args = new ArrayList<>(call.args());
        String target = call.host();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-n") && i + 1 < args.size()) {
                target = hostOf(args.get(i + 1));
                args.remove(i + 1);
                args.remove(i);
                i--;
            } else if (args.get(i).equals("-q") || args.get(i).equals("--quiet")) {
                args.remove(i--);
            }
        }
        if (args.isEmpty()) {
            return PlayResult.fail(64, "Usage:\nrabbitmqctl [-n <node>] [-t <timeout>] [-q] <command> [<command options>]\n");
        }
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        Node n;
        synchronized (this) {
            n = node(target);
            if (n.phase == Phase.DOWN) {
                return PlayResult.fail(2, nodedown(target));
            }
        }
        return switch (cmd) {
            case "cluster_status" -> PlayResult.ok(clusterStatus(n));
            case "status" -> PlayResult.ok(status(n));
            case "stop_app" -> stopApp(n);
            case "start_app" -> startApp(n);
            case "force_boot" -> {
                synchronized (this) {
                    n.forceBoot = true;
                }
                yield PlayResult.ok("Forcing boot for Mnesia dir /var/lib/rabbitmq/mnesia/" + nodeName(n.host) + "\n");
            }
            case "reset", "force_reset" -> reset(n);
            case "join_cluster" -> joinCluster(n, rest);
            case "forget_cluster_node" -> forget(n, rest);
            case "list_queues" -> listQueues(n, rest);
            case "set_policy" -> setPolicy(n, rest);
            case "clear_policy" -> clearPolicy(n, rest);
            case "list_policies" -> listPolicies(n);
            default -> PlayResult.fail(64, "Error: could not recognise command\nUsage:\nrabbitmqctl [-n <node>] "
                    + "[-t <timeout>] [-q] <command> [<command options>]\n");
        };
    }

    private String clusterStatus(Node n) {
        synchronized (this) {
            List<String> members = n.cluster == null ? List.of(n.host) : n.cluster.members;
            List<String> running = new ArrayList<>();
            for (int i = members.size() - 1; i >= 0; i--) {
                Node m = nodes.get(members.get(i));
                if (m != null && m.phase == Phase.RUNNING && m.cluster == n.cluster) {
                    running.add(members.get(i));
                }
            }
            String disc = String.join(",", members.stream().map(RabbitPlay::atom).toList());
            String run = String.join(",", running.stream().map(RabbitPlay::atom).toList());
            String alarms = String.join(",", running.stream().map(h -> "{" + atom(h) + ",[" + alarmsOf(h) + "]}").toList());
            String name = n.cluster == null ? nodeName(n.host) : n.cluster.name;
            return "Cluster status of node " + atom(n.host) + " ...\n"
                    + "[{nodes,[{disc,[" + disc + "]}]},\n"
                    + " {running_nodes,[" + run + "]},\n"
                    + " {cluster_name,<<\"" + name + "\">>},\n"
                    + " {partitions,[]},\n"
                    + " {alarms,[" + alarms + "]}]\n";
        }
    }

    /**
     * The node's resource alarms as the broker lists them: {@code disk} while the host's disk is
     * full ({@code disk-full@H}: free space under {@code disk_free_limit}, so publishers block).
     */
    private String alarmsOf(String host) {
        return cluster.faults().has(FaultKind.DISK_FULL, host) ? "disk" : "";
    }

    private String status(Node n) {
        Instant now = cluster.clock().now();
        long uptime;
        String version;
        synchronized (this) {
            uptime = Math.max(1, Duration.between(n.since, now).getSeconds());
            version = rabbitVersion(n.release);
        }
        String apps = n.phase == Phase.RUNNING
                ? "[{rabbitmq_management,\"RabbitMQ Management Console\",\"" + version + "\"},\n"
                + "                        {rabbit,\"RabbitMQ\",\"" + version + "\"},\n"
                + "                        {mnesia,\"MNESIA  CXC 138 12\",\"4.13.4\"},\n"
                + "                        {os_mon,\"CPO  CXC 138 46\",\"2.4\"},\n"
                + "                        {rabbit_common,[],\"" + version + "\"},\n"
                + "                        {ranch,\"Socket acceptor pool for TCP protocols.\",\"1.3.0\"},\n"
                + "                        {kernel,\"ERTS  CXC 138 10\",\"4.2\"}]"
                : "[{mnesia,\"MNESIA  CXC 138 12\",\"4.13.4\"},\n"
                + "                        {kernel,\"ERTS  CXC 138 10\",\"4.2\"}]";
        return "Status of node " + atom(n.host) + " ...\n"
                + "[{pid,187},\n"
                + " {running_applications," + apps + "},\n"
                + " {os,{unix,linux}},\n"
                + " {erlang_version,\"Erlang/OTP 18 [erts-7.3.1.3] [source] [64-bit] [smp:4:4] [async-threads:64] "
                + "[hipe] [kernel-poll:true]\\n\"},\n"
                + " {memory,[{total,71248408},{connection_readers,366072},{connection_writers,76840},\n"
                + "          {connection_channels,248784},{connection_other,797120},{queue_procs,1029968},\n"
                + "          {plugins,1290752},{other_proc,19874584},{mnesia,283576},{mgmt_db,1353568},\n"
                + "          {msg_index,64624},{other_ets,1818672},{binary,7896744},{code,27581089},\n"
                + "          {atom,992409},{other_system,7573606}]},\n"
                + " {alarms,[" + alarmsOf(n.host) + "]},\n"
                + " {listeners,[{clustering,25672,\"::\"},{amqp,5672,\"" + n.host + "\"}]},\n"
                + " {vm_memory_high_watermark,0.4},\n"
                + " {vm_memory_limit,3301007360},\n"
                + " {disk_free_limit,50000000},\n"
                + " {disk_free," + (alarmsOf(n.host).isEmpty() ? "41736527872" : "31457280") + "},\n"
                + " {file_descriptors,[{total_limit,1048476},{total_used,212},{sockets_limit,943626},{sockets_used,210}]},\n"
                + " {processes,[{limit,1048576},{used,4119}]},\n"
                + " {run_queue,0},\n"
                + " {uptime," + uptime + "},\n"
                + " {kernel,{net_ticktime,60}}]\n";
    }

    private PlayResult stopApp(Node n) {
        synchronized (this) {
            appStopped(n, cluster.clock().now());
        }
        return PlayResult.ok("Stopping rabbit application on node " + atom(n.host) + " ...\n");
    }

    /** Blocks, as the real command does, while the node waits for the last node of its cluster. */
    private PlayResult startApp(Node n) throws InterruptedException {
        String head = "Starting node " + atom(n.host) + " ...\n";
        synchronized (this) {
            if (n.phase == Phase.RUNNING) {
                return PlayResult.ok(head);
            }
            if (n.phase != Phase.BOOTING) {
                boot(n, cluster.clock().now(), false);
            }
        }
        while (true) {
            cluster.catchUp();
            synchronized (this) {
                if (n.phase == Phase.RUNNING) {
                    return PlayResult.ok(head);
                }
                if (n.phase != Phase.BOOTING) {
                    return new PlayResult(head, "Error: {timeout_waiting_for_tables,[" + String.join(",", TABLES)
                            + "]}\n", 2);
                }
            }
            // Wait a lab second, or less when another node's start wakes us (run() notifies).
            long millis = Math.max(1, Math.min(200, cluster.clock().realDuration(Duration.ofSeconds(1)).toMillis()));
            synchronized (this) {
                wait(millis);
            }
        }
    }

    private PlayResult reset(Node n) {
        synchronized (this) {
            if (n.phase == Phase.RUNNING || n.phase == Phase.BOOTING) {
                return PlayResult.fail(2, "Resetting node " + atom(n.host) + " ...\nError:  Mnesia is still running on "
                        + "node " + atom(n.host) + ".\n        Please stop the node with rabbitmqctl stop_app first.\n");
            }
            if (n.cluster != null) {
                n.cluster.members.remove(n.host);
                n.cluster = null;
            }
            cluster.files().delete(n.host, mnesiaDir(n.host));
        }
        return PlayResult.ok("Resetting node " + atom(n.host) + " ...\n");
    }

    private PlayResult joinCluster(Node n, List<String> rest) {
        List<String> names = rest.stream().filter(a -> !a.startsWith("--")).toList();
        if (names.size() != 1) {
            return PlayResult.fail(64, "Error: wrong number of arguments\n");
        }
        String other = hostOf(names.get(0));
        String head = "Clustering node " + atom(n.host) + " with " + atom(other) + " ...\n";
        synchronized (this) {
            if (n.phase == Phase.RUNNING) {
                return new PlayResult(head, "Error:  Mnesia is still running on node " + atom(n.host) + ".\n"
                        + "        Please stop the node with rabbitmqctl stop_app first.\n", 2);
            }
            Node o = nodes.get(other);
            if (o == null || o.phase != Phase.RUNNING || o.cluster == null) {
                return new PlayResult(head, "Error: unable to connect to nodes [" + atom(other) + "]: nodedown\n", 2);
            }
            if (n.cluster != null && n.cluster != o.cluster) {
                n.cluster.members.remove(n.host);
            }
            n.cluster = o.cluster;
            if (!o.cluster.members.contains(n.host)) {
                o.cluster.members.add(n.host);
            }
            o.cluster.members.forEach(h -> writeMnesia(h, o.cluster));
        }
        return PlayResult.ok(head);
    }

    private PlayResult forget(Node n, List<String> rest) {
        List<String> names = rest.stream().filter(a -> !a.startsWith("--")).toList();
        if (names.size() != 1) {
            return PlayResult.fail(64, "Error: wrong number of arguments\n");
        }
        String gone = hostOf(names.get(0));
        String head = "Removing node " + atom(gone) + " from cluster ...\n";
        synchronized (this) {
            if (n.cluster == null || !n.cluster.members.contains(gone) || gone.equals(n.host)) {
                return new PlayResult(head, "Error: {not_a_cluster_node,\"The node selected is not in the cluster.\"}\n", 2);
            }
            Node g = nodes.get(gone);
            if (g != null && g.cluster == n.cluster && (g.phase == Phase.RUNNING || g.phase == Phase.BOOTING)) {
                return new PlayResult(head, "Error: {failed_to_remove_node," + atom(gone)
                        + ",{active,\"Mnesia is running\"," + atom(gone) + "}}\n", 2);
            }
            n.cluster.members.remove(gone);
            if (g != null && g.cluster == n.cluster) {
                g.cluster = null;
            }
            Rabbits r = n.cluster;
            r.members.forEach(h -> writeMnesia(h, r));
        }
        return PlayResult.ok(head);
    }

    private PlayResult listQueues(Node n, List<String> rest) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("-p")) {
                i++;
            } else if (!rest.get(i).startsWith("-")) {
                cols.add(rest.get(i));
            }
        }
        if (cols.isEmpty()) {
            cols = List.of("name", "messages");
        }
        Instant now = cluster.clock().now();
        StringBuilder out = new StringBuilder("Listing queues ...\n");
        synchronized (this) {
            if (n.phase != Phase.RUNNING) {
                return PlayResult.fail(2, "Error: unable to connect to node " + atom(n.host) + ": nodedown\n");
            }
            if (Duration.between(n.cluster.formedAt, now).compareTo(REDECLARE) < 0) {
                return PlayResult.ok(out.toString());
            }
            for (String[] q : queues(n.cluster)) {
                List<String> cells = new ArrayList<>();
                for (String c : cols) {
                    cells.add(switch (c) {
                        case "name" -> q[0];
                        case "messages", "messages_ready" -> q[1];
                        case "consumers" -> q[2];
                        case "messages_unacknowledged" -> "0";
                        case "durable" -> "false";
                        case "auto_delete" -> "false";
                        case "policy" -> n.cluster.policies.isEmpty() ? "" : n.cluster.policies.get(0).name();
                        case "pid" -> "<" + atom(n.cluster.members.get(0)) + ".1234.0>";
                        default -> "";
                    });
                }
                out.append(String.join("\t", cells)).append('\n');
            }
        }
        return PlayResult.ok(out.toString());
    }

    /** The queues OpenStack services declare: name, messages, consumers. */
    private List<String[]> queues(Rabbits r) {
        List<String[]> q = new ArrayList<>();
        for (String base : List.of("conductor", "scheduler", "consoleauth", "cinder-scheduler", "engine", "q-plugin",
                "q-l3-plugin", "dhcp_agent", "l3_agent")) {
            q.add(new String[] {base, "0", String.valueOf(r.members.size())});
            for (String h : r.members) {
                q.add(new String[] {base + "." + h, "0", "1"});
            }
        }
        for (String h : cluster.topology().role("computes")) {
            q.add(new String[] {"compute." + h, "0", "1"});
        }
        q.add(new String[] {"notifications.info", "17", "0"});
        q.add(new String[] {"reply_" + DockerPlay.idOf(r.name).substring(0, 32), "0", "1"});
        return q;
    }

    private PlayResult setPolicy(Node n, List<String> rest) {
        String vhost = "/";
        String applyTo = "all";
        int priority = 0;
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("-p") && i + 1 < rest.size()) {
                vhost = rest.get(++i);
            } else if (a.equals("--priority") && i + 1 < rest.size()) {
                priority = Integer.parseInt(rest.get(++i));
            } else if (a.equals("--apply-to") && i + 1 < rest.size()) {
                applyTo = rest.get(++i);
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 3) {
            return PlayResult.fail(64, "Error: wrong number of arguments\n");
        }
        String def = pos.get(2).trim();
        String head = "Setting policy " + erlString(pos.get(0)) + " for pattern " + erlString(pos.get(1)) + " to "
                + erlString(def) + " with priority " + erlString(String.valueOf(priority)) + " ...\n";
        if (!def.startsWith("{") || !def.endsWith("}")) {
            return new PlayResult(head, "Error: {invalid_json," + erlString(def) + "}\n", 2);
        }
        synchronized (this) {
            if (n.phase != Phase.RUNNING) {
                return PlayResult.fail(2, "Error: unable to connect to node " + atom(n.host) + ": nodedown\n");
            }
            String name = pos.get(0);
            String vh = vhost;
            n.cluster.policies.removeIf(p -> p.name().equals(name) && p.vhost().equals(vh));
            n.cluster.policies.add(new Policy(vhost, name, applyTo, pos.get(1), def, priority));
        }
        return PlayResult.ok(head);
    }

    private PlayResult clearPolicy(Node n, List<String> rest) {
        List<String> pos = rest.stream().filter(a -> !a.startsWith("-")).toList();
        if (pos.isEmpty()) {
            return PlayResult.fail(64, "Error: wrong number of arguments\n");
        }
        synchronized (this) {
            boolean removed = n.cluster != null && n.cluster.policies.removeIf(p -> p.name().equals(pos.get(0)));
            String head = "Clearing policy " + erlString(pos.get(0)) + " ...\n";
            return removed ? PlayResult.ok(head) : new PlayResult(head, "Error: {no_such_parameter,{<<\"/\">>,<<\""
                    + pos.get(0) + "\">>}}\n", 2);
        }
    }

    private PlayResult listPolicies(Node n) {
        StringBuilder out = new StringBuilder("Listing policies ...\n");
        synchronized (this) {
            if (n.cluster != null) {
                for (Policy p : n.cluster.policies) {
                    out.append(p.vhost()).append('\t').append(p.name()).append('\t').append(p.applyTo()).append('\t')
                            .append(p.pattern()).append('\t').append(p.definition()).append('\t').append(p.priority())
                            .append('\n');
                }
            }
        }
        return PlayResult.ok(out.toString());
    }

    // ---------------------------------------------------------------- helpers

    /** Running nodes as {@code rabbitmqctl cluster_status} on {@code host} would list them (for the lab panel and tests). */
    public synchronized List<String> runningNodes(String host) {
        Node n = nodes.get(host);
        if (n == null || n.cluster == null) {
            return List.of();
        }
        return n.cluster.members.stream().filter(h -> {
            Node m = nodes.get(h);
            return m != null && m.phase == Phase.RUNNING && m.cluster == n.cluster;
        }).toList();
    }

    /** Whether {@code host}'s broker is waiting for the last node of its cluster. */
    synchronized boolean waitingForTables(String host) {
        Node n = nodes.get(host);
        return n != null && n.phase == Phase.BOOTING;
    }

    private synchronized Node node(String host) {
        return nodes.computeIfAbsent(host, Node::new);
    }

    static String nodeName(String host) {
        return "rabbit@" + host;
    }

    /** The node name as an Erlang atom prints: quoted unless it is a plain atom. */
    static String atom(String host) {
        String name = nodeName(host);
        return name.matches("[a-z][A-Za-z0-9_@]*") ? name : "'" + name + "'";
    }

    private static String hostOf(String node) {
        String n = node.replace("'", "");
        return n.contains("@") ? n.substring(n.indexOf('@') + 1) : n;
    }

    /** An Erlang string as {@code ~p} prints it. */
    private static String erlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String nodedown(String host) {
        return "Error: unable to connect to node " + atom(host) + ": nodedown\n\nDIAGNOSTICS\n===========\n\n"
                + "attempted to contact: [" + atom(host) + "]\n\n" + atom(host) + ":\n"
                + "  * connected to epmd (port 4369) on " + host + "\n"
                + "  * epmd reports: node 'rabbit' not running at all\n"
                + "                  no other nodes on " + host + "\n"
                + "  * suggestion: start the node\n\ncurrent node details:\n"
                + "- node name: 'rabbitmq-cli-42@" + host + "'\n- home dir: /var/lib/rabbitmq\n"
                + "- cookie hash: 7S7yAFuRTVVnEOwKkzthWw==\n\n";
    }

    static String rabbitVersion(String release) {
        return switch (release == null ? "" : release) {
            case "newton", "ocata" -> "3.6.5";
            case "queens" -> "3.6.15";
            case "rocky", "stein", "train" -> "3.7.10";
            default -> "3.6.10";
        };
    }
}
