package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kolla-Ansible's password tools: {@code kolla-genpwd -p FILE} fills every empty key of a
 * passwords.yml with a random value ({@code docker_registry_password} stays {@code null}, as the
 * real tool leaves it), {@code kolla-mergepwd --old OLD --new NEW --final FINAL} writes NEW's keys
 * with OLD's values where OLD has them (kolla-ocata-to-pike-upgrade.txt:21: the new release's
 * passwords merged into the existing ones). Both rewrite the file as PyYAML's {@code safe_dump}
 * does: keys sorted, one per line. Paths must be absolute (the play does not know the shell's
 * directory). The lab's deploy host starts with a filled {@code /etc/kolla/passwords.yml} of
 * {@link Kolla#STARTING_RELEASE}; each release's template adds the keys its new services need.
 */
final class KollaPasswordsPlay implements Play {

    static final String PASSWORDS = "/etc/kolla/passwords.yml";
    private static final List<String> BASE = List.of("database_password", "docker_registry_password",
            "keystone_admin_password", "keystone_database_password", "rabbitmq_password", "rabbitmq_cluster_cookie",
            "nova_database_password", "nova_api_database_password", "nova_keystone_password",
            "neutron_database_password", "neutron_keystone_password", "glance_database_password",
            "glance_keystone_password", "cinder_database_password", "cinder_keystone_password",
            "heat_database_password", "heat_keystone_password", "horizon_secret_key", "memcache_secret_key",
            "metadata_secret", "keepalived_password", "haproxy_password");
    /** The keys each release's template adds to the one before. */
    private static final Map<String, String> ADDED = Map.of("ocata", "placement_keystone_password",
            "pike", "octavia_ca_password", "queens", "redis_master_password", "rocky", "opendaylight_password",
            "stein", "placement_database_password", "train", "designate_pool_id");
    private static final Set<String> BLANK = Set.of("docker_registry_password");

    private Cluster cluster;

    @Override
    public Set<String> commands() {
        return Set.of("kolla-genpwd", "kolla-mergepwd");
    }

    @Override
    public void attach(Cluster c) {
        this.cluster = c;
    }

    @Override
    public void seed(Cluster c) {
        for (String h : c.topology().hosts()) {
            c.files().write(h, PASSWORDS, dump(generate(parse(template(Kolla.STARTING_RELEASE)), "seed")));
        }
    }

    /** The release's {@code etc/kolla/passwords.yml}: every key, no value. */
    static String template(String release) {
        List<String> keys = new ArrayList<>(BASE);
        for (String r : Kolla.RELEASES) {
            if (ADDED.containsKey(r)) {
                keys.add(ADDED.get(r));
            }
            if (r.equals(release)) {
                break;
            }
        }
        StringBuilder sb = new StringBuilder("---\n###################\n# Kolla options\n###################\n");
        keys.forEach(k -> sb.append(k).append(":\n"));
        return sb.toString();
    }

    @Override
    public PlayResult run(Call call) {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> a = call.args();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).startsWith("-") && i + 1 < a.size()) {
                opts.put(a.get(i), a.get(++i));
            } else {
                return usage(call.command(), "unrecognized arguments: " + a.get(i));
            }
        }
        if (call.command().equals("kolla-genpwd")) {
            String file = opts.getOrDefault("-p", opts.getOrDefault("--passwords", PASSWORDS));
            return withFile(call.host(), file, text -> {
                cluster.files().write(call.host(), file, dump(generate(parse(text), call.host() + file)));
                return PlayResult.ok("");
            });
        }
        String old = opts.get("--old");
        String neu = opts.get("--new");
        String fin = opts.get("--final");
        if (old == null || neu == null || fin == null) {
            return usage(call.command(), "the following arguments are required: --old, --new, --final");
        }
        return withFile(call.host(), old, oldText -> withFile(call.host(), neu, newText -> {
            Map<String, String> was = parse(oldText);
            Map<String, String> merged = new TreeMap<>();
            parse(newText).forEach((k, v) -> merged.put(k, was.containsKey(k) ? was.get(k) : v));
            cluster.files().write(call.host(), fin, dump(merged));
            return PlayResult.ok("");
        }));
    }

    private PlayResult withFile(String host, String path, java.util.function.Function<String, PlayResult> then) {
        if (!path.startsWith("/")) {
            return PlayResult.fail(2, "lab: give kolla's password tools an absolute path; not: " + path + "\n");
        }
        Optional<String> text = cluster.files().read(host, path);
        if (text.isEmpty()) {
            return PlayResult.fail(1, "Traceback (most recent call last):\n  ...\n"
                    + "IOError: [Errno 2] No such file or directory: '" + path + "'\n");
        }
        return then.apply(text.get());
    }

    private static PlayResult usage(String cmd, String why) {
        return PlayResult.fail(2, "usage: " + cmd + (cmd.equals("kolla-genpwd") ? " [-h] [-p PASSWORDS]"
                : " [-h] [--old OLD] [--new NEW] [--final FINAL]") + "\n" + cmd + ": error: " + why + "\n");
    }

    /** {@code key: value} lines; a key with nothing after the colon (or {@code null}) has a null value. */
    static Map<String, String> parse(String yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : yaml.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("---") || line.startsWith(" ")) {
                continue;
            }
            int c = line.indexOf(':');
            if (c <= 0) {
                continue;
            }
            String v = line.substring(c + 1).trim();
            out.put(line.substring(0, c).trim(), v.isEmpty() || v.equals("null") || v.equals("~") ? null : v);
        }
        return out;
    }

    private static Map<String, String> generate(Map<String, String> keys, String seed) {
        Map<String, String> out = new TreeMap<>();
        keys.forEach((k, v) -> out.put(k, v != null || BLANK.contains(k) ? v
                : DockerPlay.idOf(seed + "/" + k).substring(0, 40)));
        return out;
    }

    private static String dump(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(keys).forEach((k, v) -> sb.append(k).append(": ").append(v == null ? "null" : v).append('\n'));
        return sb.toString();
    }
}
