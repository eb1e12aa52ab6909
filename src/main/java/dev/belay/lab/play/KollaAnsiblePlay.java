package dev.belay.lab.play;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kolla-ansible} (Pike era, Ansible 2.3 output) over the lab's Kolla containers: pull, prechecks,
 * check, genconfig, deploy, upgrade, reconfigure, stop, post-deploy and mariadb_recovery, with
 * {@code -i INVENTORY}, {@code -t/--tags}, {@code --limit}. The release is the one
 * {@code /etc/kolla/globals.yml} names on the host it runs on ({@code openstack_release}), so a
 * {@code sed -i} of that file moves the next deploy or upgrade; deploying and upgrading recreate each
 * container whose image tag differs, role by role in Kolla's order, run each role's bootstrap
 * (db sync) once, wait for Galera to sync between MariaDB nodes, and take lab time (about
 * {@link #ROLE_TIME} per role). Output is ansible-playbook's: PLAY, TASK, ok/changed/fatal lines and the
 * PLAY RECAP.
 */
public final class KollaAnsiblePlay implements Play {

    public static final String GLOBALS = "/etc/kolla/globals.yml";
    public static final String INVENTORY = "/etc/kolla/multinode";
    /** The lab time one role of a deploy or upgrade takes. */
    public static final Duration ROLE_TIME = Duration.ofSeconds(20);
    /** The longest a deploy waits for a restarted MariaDB node to be Synced. */
    static final Duration MARIADB_WAIT = Duration.ofMinutes(10);
    private static final Pattern TAG = Pattern.compile("(?m)^(\\w+_tag):\\s*[\"']?([\\w.\\-]+)[\"']?\\s*$");
    private static final Pattern RELEASE = Pattern.compile("(?m)^openstack_release:\\s*[\"']?([\\w.\\-]+)[\"']?\\s*$");

    /** Kolla's roles in site.yml order, each with the containers it owns (by name prefix or name). */
    private static final Map<String, List<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("common", List.of("kolla_toolbox", "fluentd", "cron"));
        ROLES.put("haproxy", List.of("haproxy", "keepalived"));
        ROLES.put("mariadb", List.of("mariadb"));
        ROLES.put("memcached", List.of("memcached"));
        ROLES.put("rabbitmq", List.of("rabbitmq"));
        ROLES.put("keystone", List.of("keystone"));
        ROLES.put("glance", List.of("glance_api", "glance_registry"));
        ROLES.put("nova", List.of("placement_api", "nova_api", "nova_scheduler", "nova_conductor", "nova_consoleauth",
                "nova_novncproxy", "nova_ssh", "nova_libvirt", "nova_compute"));
        ROLES.put("openvswitch", List.of("openvswitch_db", "openvswitch_vswitchd"));
        ROLES.put("neutron", List.of("neutron_server", "neutron_openvswitch_agent", "neutron_l3_agent",
                "neutron_dhcp_agent", "neutron_metadata_agent"));
        ROLES.put("cinder", List.of("cinder_api", "cinder_scheduler"));
        ROLES.put("heat", List.of("heat_api", "heat_engine"));
        ROLES.put("horizon", List.of("horizon"));
    }

    /** The container whose image runs each role's bootstrap (db sync). */
    private static final Map<String, String> BOOTSTRAP = Map.of(
            "keystone", "keystone", "glance", "glance_api", "nova", "nova_api", "neutron", "neutron_server",
            "cinder", "cinder_api", "heat", "heat_api");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("prechecks", "Pre-deployment checking"),
            Map.entry("check", "Post-deployment checking"),
            Map.entry("pull", "Pulling Docker images"),
            Map.entry("genconfig", "Generate configuration files for enabled OpenStack services"),
            Map.entry("deploy", "Deploying Playbooks"),
            Map.entry("upgrade", "Upgrading OpenStack Environment"),
            Map.entry("reconfigure", "Reconfigure OpenStack service"),
            Map.entry("stop", "Stop Kolla containers"),
            Map.entry("post-deploy", "Post-Deploying Playbooks"),
            Map.entry("mariadb_recovery", "Attempting to restart mariadb cluster"));

    private Cluster cluster;

    @Override
    public Set<String> commands() {
        return Set.of("kolla-ansible");
    }

    @Override
    public void attach(Cluster c) {
        this.cluster = c;
    }

    @Override
    public void seed(Cluster c) {
        for (String h : c.topology().hosts()) {
            c.files().write(h, GLOBALS, globals(Kolla.STARTING_RELEASE));
            c.files().write(h, INVENTORY, inventory(c));
        }
    }

    static String globals(String release) {
        return "---\n# Kolla-Ansible options (the lab's deployment)\n"
                + "kolla_base_distro: \"centos\"\n"
                + "kolla_install_type: \"binary\"\n"
                + "openstack_release: \"" + release + "\"\n"
                + "kolla_internal_vip_address: \"10.0.0.10\"\n"
                + "network_interface: \"eth0\"\n"
                + "neutron_external_interface: \"eth1\"\n"
                + "enable_haproxy: \"yes\"\n"
                + "enable_ceph: \"yes\"\n"
                + "enable_cinder: \"yes\"\n"
                + "enable_heat: \"yes\"\n";
    }

    private static String inventory(Cluster c) {
        StringBuilder sb = new StringBuilder("# Kolla-Ansible inventory of the lab\n");
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("control", "controllers");
        groups.put("network", "network");
        groups.put("compute", "computes");
        groups.put("storage", "storage");
        groups.put("monitoring", "controllers");
        groups.forEach((group, role) -> {
            sb.append('[').append(group).append("]\n");
            c.topology().role(role).forEach(h -> sb.append(h).append('\n'));
            sb.append('\n');
        });
        sb.append("[deployment]\nlocalhost ansible_connection=local\n");
        return sb.toString();
    }

    /** The release {@code globals.yml} on {@code host} names. */
    public Optional<String> configuredRelease(String host) {
        return cluster.files().read(host, GLOBALS).map(RELEASE::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    /** {@code SERVICE_tag: "TAG"} lines of globals.yml on {@code host}: images pinned to a tag of their own. */
    private Map<String, String> tagOverrides(String host) {
        Map<String, String> out = new LinkedHashMap<>();
        cluster.files().read(host, GLOBALS).ifPresent(text -> {
            Matcher m = TAG.matcher(text);
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        });
        return out;
    }

    /**
     * The tag {@code container} of {@code role} is deployed with: as Kolla-Ansible's role defaults chain
     * them ({@code nova_compute_tag: "{{ nova_tag }}"}, {@code nova_tag: "{{ openstack_release }}"}), the
     * image's own variable ({@code nova_compute_tag}, {@code nova_placement_api_tag}), else the role's
     * ({@code nova_tag}), else the release. A pin left in globals.yml keeps that service on its tag
     * through every upgrade, with no task failing.
     */
    private static String tagOf(Run run, String role, String container, String release) {
        String image = Kolla.repository(container).substring(Kolla.IMAGE_PREFIX.length()).replace('-', '_');
        for (String name : List.of(image + "_tag", container + "_tag", role + "_tag")) {
            String tag = run.tags.get(name);
            if (tag != null) {
                return tag;
            }
        }
        return release;
    }

    // ---------------------------------------------------------------- the command

    /** Tallies per host for the PLAY RECAP. */
    private static final class Run {
        final StringBuilder out = new StringBuilder();
        final Map<String, int[]> stats = new LinkedHashMap<>();
        final Set<String> failed = new LinkedHashSet<>();
        final Set<String> unreachable = new LinkedHashSet<>();
        /** globals.yml's per-service image tags ({@code nova_compute_tag: "pike"}), by variable name. */
        final Map<String, String> tags = new LinkedHashMap<>();

        void banner(String msg) {
            out.append('\n').append(msg).append(' ').append("*".repeat(Math.max(3, 79 - msg.length()))).append('\n');
        }

        void ok(String host, boolean changed) {
            int[] s = stats.get(host);
            s[0]++;
            if (changed) {
                s[1]++;
            }
            out.append(changed ? "changed: [" : "ok: [").append(host).append("]\n");
        }

        void fatal(String host, String json) {
            stats.get(host)[3]++;
            failed.add(host);
            out.append("fatal: [").append(host).append("]: FAILED! => ").append(json).append('\n');
        }

        boolean live(String host) {
            return !failed.contains(host) && !unreachable.contains(host);
        }
    }

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        String inventory = null;
        List<String> tags = new ArrayList<>();
        String limit = null;
        String action = null;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-i", "--inventory" -> inventory = i + 1 < args.size() ? args.get(++i) : null;
                case "-t", "--tags" -> tags.addAll(List.of(args.get(++i).split(",")));
                case "--limit" -> limit = args.get(++i);
                case "-e", "--extra", "--configdir", "--passwords", "--skip-tags", "-p", "--playbook", "-k", "--key" -> i++;
                default -> {
                    if (a.startsWith("--inventory=")) {
                        inventory = a.substring(12);
                    } else if (a.startsWith("--tags=")) {
                        tags.addAll(List.of(a.substring(7).split(",")));
                    } else if (a.startsWith("--limit=")) {
                        limit = a.substring(8);
                    } else if (!a.startsWith("-") && action == null) {
                        action = a;
                    }
                }
            }
        }
        if (action == null || (!LABELS.containsKey(action) && !action.equals("mariadb-recovery"))) {
            return PlayResult.fail(1, "Usage: kolla-ansible -i INVENTORY ACTION [options]\n\nOptions:\n"
                    + "    --inventory, -i <inventory_path>   Specify path to ansible inventory file\n"
                    + "    --tags, -t <tags>                  Only run plays and tasks tagged with these values\n"
                    + "    --limit <host>                     Specify host to run plays\n\nCommands:\n"
                    + "    prechecks, check, mariadb_recovery, bootstrap-servers, destroy, deploy, post-deploy, pull,\n"
                    + "    reconfigure, stop, upgrade, genconfig\n");
        }
        if (action.equals("mariadb-recovery")) {
            action = "mariadb_recovery";
        }
        String inv = inventory == null ? "/usr/share/kolla-ansible/ansible/inventory/all-in-one" : inventory;
        String command = "ansible-playbook -i " + inv + " -e @/etc/kolla/globals.yml -e @/etc/kolla/passwords.yml "
                + "-e CONFIG_DIR=/etc/kolla " + (tags.isEmpty() ? "" : "--tags " + String.join(",", tags) + " ")
                + (limit == null ? "" : "--limit " + limit + " ") + " -e kolla_action=" + action
                + " /usr/share/kolla-ansible/ansible/" + (action.equals("mariadb_recovery") ? "mariadb_recovery.yml" : "site.yml");
        String header = LABELS.get(action) + " : " + command + "\n";
        if (!cluster.files().exists(call.host(), inv)) {
            return new PlayResult(header, " [WARNING]: Unable to parse " + inv + " as an inventory source\n"
                    + " [WARNING]: No inventory was parsed, only implicit localhost is available\n"
                    + "Command failed " + command + "\n", 1);
        }
        Optional<String> release = configuredRelease(call.host());
        if (release.isEmpty()) {
            return new PlayResult(header, "ERROR! the file_name '/etc/kolla/globals.yml' does not exist, or is not "
                    + "readable\nCommand failed " + command + "\n", 1);
        }
        List<String> hosts = targets(limit);
        Run run = new Run();
        run.tags.putAll(tagOverrides(call.host()));
        run.out.append(header);
        hosts.forEach(h -> run.stats.put(h, new int[4]));
        run.banner("PLAY [Gather facts for all hosts]");
        run.banner("TASK [setup]");
        for (String h : hosts) {
            if (cluster.isUp(h)) {
                run.ok(h, false);
            } else {
                run.stats.get(h)[2]++;
                run.unreachable.add(h);
                run.out.append("fatal: [").append(h).append("]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to "
                        + "connect to the host via ssh: ssh: connect to host ").append(h)
                        .append(" port 22: No route to host\\r\\n\", \"unreachable\": true}\n");
            }
        }
        switch (action) {
            case "mariadb_recovery" -> mariadbRecovery(run, hosts);
            default -> {
                for (Map.Entry<String, List<String>> role : ROLES.entrySet()) {
                    if (!tags.isEmpty() && !tags.contains(role.getKey())) {
                        continue;
                    }
                    role(run, action, role.getKey(), role.getValue(), hosts, release.get());
                }
            }
        }
        run.banner("PLAY RECAP");
        for (String h : hosts) {
            int[] s = run.stats.get(h);
            run.out.append(String.format("%-26s : %s %s %s %s%n", h, "ok=" + pad(s[0]), "changed=" + pad(s[1]),
                    "unreachable=" + pad(s[2]), "failed=" + pad(s[3])));
        }
        run.out.append('\n');
        boolean bad = !run.failed.isEmpty() || !run.unreachable.isEmpty();
        return new PlayResult(run.out.toString(), bad ? "Command failed " + command + "\n" : "", bad ? 1 : 0);
    }

    private static String pad(int n) {
        return String.format("%-4s", n);
    }

    private List<String> targets(String limit) {
        List<String> all = cluster.topology().hosts();
        if (limit == null) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : limit.split("[,:]")) {
            String p = part.trim();
            switch (p) {
                case "control", "controllers" -> wanted.addAll(cluster.topology().role("controllers"));
                case "compute", "computes" -> wanted.addAll(cluster.topology().role("computes"));
                case "network" -> wanted.addAll(cluster.topology().role("network"));
                case "storage" -> wanted.addAll(cluster.topology().role("storage"));
                case "all" -> wanted.addAll(all);
                default -> wanted.add(p);
            }
        }
        return all.stream().filter(wanted::contains).toList();
    }

    private void role(Run run, String action, String role, List<String> containers, List<String> hosts, String release)
            throws InterruptedException {
        DockerPlay docker = cluster.play(DockerPlay.class);
        Map<String, List<String>> mine = new LinkedHashMap<>();
        for (String h : hosts) {
            List<String> on = containers.stream().filter(c -> cluster.services().get(h, c).isPresent()
                    || Kolla.containersOn(cluster.topology(), h).contains(c)).toList();
            if (!on.isEmpty()) {
                mine.put(h, on);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        String title = Character.toUpperCase(role.charAt(0)) + role.substring(1);
        run.banner("PLAY [Apply role " + role + "]");
        switch (action) {
            case "pull" -> {
                run.banner("TASK [" + role + " : Pulling " + role + " images]");
                for (String h : mine.keySet()) {
                    if (!run.live(h)) {
                        continue;
                    }
                    if (!Kolla.servesTag(release)) {
                        run.fatal(h, "{\"changed\": false, \"msg\": \"Unknown error message: Tag " + release
                                + " not found in repository docker.io/" + Kolla.repository(mine.get(h).get(0)) + "\"}");
                        continue;
                    }
                    boolean changed = false;
                    for (String c : mine.get(h)) {
                        String ref = Kolla.repository(c) + ":" + tagOf(run, role, c, release);
                        changed |= !docker.hasImage(h, ref);
                        docker.addImage(h, ref);
                    }
                    run.ok(h, changed);
                }
                cluster.clock().sleep(ROLE_TIME.dividedBy(2));
            }
            case "prechecks", "check", "post-deploy" -> {
                run.banner("TASK [" + role + " : Checking free port for " + title + "]");
                mine.keySet().stream().filter(run::live).forEach(h -> run.ok(h, false));
            }
            case "genconfig" -> {
                run.banner("TASK [" + role + " : Copying over config.json files for services]");
                mine.keySet().stream().filter(run::live).forEach(h -> run.ok(h, true));
            }
            case "stop" -> {
                run.banner("TASK [" + role + " : Stopping Kolla containers]");
                for (String h : mine.keySet()) {
                    if (run.live(h)) {
                        boolean changed = false;
                        for (String c : mine.get(h)) {
                            changed |= cluster.services().isRunning(h, c);
                            docker.stop(h, c);
                        }
                        run.ok(h, changed);
                    }
                }
            }
            default -> deployRole(run, action, role, title, mine, release);
        }
    }

    private void deployRole(Run run, String action, String role, String title, Map<String, List<String>> mine,
                            String release) throws InterruptedException {
        DockerPlay docker = cluster.play(DockerPlay.class);
        run.banner("TASK [" + role + " : Ensuring config directories exist]");
        mine.keySet().stream().filter(run::live).forEach(h -> run.ok(h, false));
        run.banner("TASK [" + role + " : Copying over config.json files for services]");
        mine.keySet().stream().filter(run::live).forEach(h -> run.ok(h, action.equals("reconfigure")));
        String bootstrapContainer = BOOTSTRAP.get(role);
        if (bootstrapContainer != null && !action.equals("reconfigure")) {
            Optional<String> first = mine.keySet().stream().filter(run::live)
                    .filter(h -> mine.get(h).contains(bootstrapContainer)).findFirst();
            if (first.isPresent()) {
                run.banner("TASK [" + role + " : Running " + title + " bootstrap container]");
                String service = Kolla.serviceOf(Kolla.repository(bootstrapContainer));
                PlayResult sync = KollaDbSync.run(cluster, first.get(), service, release);
                if (sync.exitCode() == 0) {
                    run.ok(first.get(), true);
                    if (role.equals("nova") && Kolla.RELEASES.indexOf(release) >= Kolla.RELEASES.indexOf("ocata")) {
                        cluster.cloud().kollaNovaBootstrap(String.valueOf(14 + Kolla.RELEASES.indexOf(release)));
                    }
                } else {
                    run.fatal(first.get(), "{\"changed\": true, \"msg\": \"Container exited with non-zero return "
                            + "code 1\", \"result\": false}");
                    // The bootstrap runs once for every host of the role: without it none goes on.
                    return;
                }
            }
        }
        run.banner("RUNNING HANDLER [" + role + " : Restart " + role + " container]");
        for (String h : mine.keySet()) {
            if (!run.live(h)) {
                continue;
            }
            boolean changed = false;
            for (String c : mine.get(h)) {
                String ref = Kolla.repository(c) + ":" + tagOf(run, role, c, release);
                boolean exists = cluster.services().get(h, c).isPresent();
                boolean current = docker.imageOf(h, c).map(ref::equals).orElse(false);
                if (!exists) {
                    continue;
                }
                if (!current) {
                    docker.recreate(h, c, ref);
                    changed = true;
                }
                if (!cluster.services().isRunning(h, c)) {
                    docker.start(h, c, List.of());
                    changed = true;
                }
                if (c.equals("mariadb") && changed && !waitSynced(h)) {
                    run.fatal(h, "{\"attempts\": 10, \"changed\": false, \"msg\": \"MariaDB on " + h
                            + " did not reach Synced\"}");
                    break;
                }
            }
            if (run.live(h)) {
                run.ok(h, changed);
            }
        }
        cluster.clock().sleep(ROLE_TIME);
    }

    /** Waits (lab time) until the MariaDB node on {@code host} is Synced, as Kolla's "wait for MariaDB" task. */
    private boolean waitSynced(String host) throws InterruptedException {
        GaleraPlay galera = cluster.play(GaleraPlay.class);
        java.time.Instant until = cluster.clock().now().plus(MARIADB_WAIT);
        while (cluster.clock().now().isBefore(until)) {
            cluster.catchUp();
            if (galera.clustercheckIgnoringDisabled(host)) {
                return true;
            }
            if (!cluster.services().isRunning(host, "mariadb")) {
                return false;
            }
            cluster.clock().sleep(Duration.ofSeconds(5));
        }
        return false;
    }

    private void mariadbRecovery(Run run, List<String> hosts) throws InterruptedException {
        DockerPlay docker = cluster.play(DockerPlay.class);
        GaleraPlay galera = cluster.play(GaleraPlay.class);
        List<String> nodes = hosts.stream().filter(run::live)
                .filter(h -> cluster.services().get(h, "mariadb").isPresent()).toList();
        run.banner("PLAY [Apply role mariadb]");
        if (nodes.isEmpty()) {
            run.banner("TASK [mariadb : Checking for mariadb cluster]");
            hosts.stream().filter(run::live).forEach(h -> run.fatal(h, "{\"changed\": false, \"msg\": \"MariaDB "
                    + "cluster was not found. Is your inventory correct?\"}"));
            return;
        }
        run.banner("TASK [mariadb : Stop MariaDB containers]");
        for (String h : nodes) {
            boolean was = cluster.services().isRunning(h, "mariadb");
            docker.stop(h, "mariadb");
            run.ok(h, was);
        }
        run.banner("TASK [mariadb : Run MariaDB wsrep recovery]");
        Map<String, Long> seqnos = new LinkedHashMap<>();
        for (String h : nodes) {
            seqnos.put(h, galera.recoveredPosition(h));
            run.ok(h, true);
        }
        String best = seqnos.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        run.banner("TASK [mariadb : Set grastate.dat file from MariaDB container in bootstrap host]");
        galera.markSafeToBootstrap(best);
        run.ok(best, true);
        run.banner("TASK [mariadb : Starting first MariaDB container]");
        docker.start(best, "mariadb", List.of("--wsrep-new-cluster"));
        docker.clearStartArgs(best, "mariadb");
        if (!waitSynced(best)) {
            run.fatal(best, "{\"changed\": false, \"msg\": \"MariaDB did not start on the bootstrap host\"}");
            return;
        }
        run.ok(best, true);
        run.banner("TASK [mariadb : Restart slave MariaDB container]");
        for (String h : nodes) {
            if (h.equals(best)) {
                continue;
            }
            docker.start(h, "mariadb", List.of());
            if (waitSynced(h)) {
                run.ok(h, true);
            } else {
                run.fatal(h, "{\"attempts\": 10, \"changed\": false, \"msg\": \"MariaDB on " + h
                        + " did not reach Synced\"}");
            }
        }
    }
}
