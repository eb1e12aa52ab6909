package dev.belay.inventory;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.SourceMap;
import dev.belay.runbook.Suggestions;
import dev.belay.runbook.yaml.MapReader;
import dev.belay.runbook.yaml.YamlContext;
import dev.belay.runbook.yaml.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads one inventory file: hosts with the defaults applied ({@code ~} kept as written in
 * {@code identity}), roles naming known hosts, jump hosts that exist and form no cycle.
 */
public final class InventoryLoader {

    static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.-]+");
    static final List<String> KEYS = List.of("environment", "defaults", "hosts", "roles", "vars");
    static final List<String> HOST_KEYS = List.of("address", "user", "port", "identity", "jump", "vars");

    public LoadResult<Inventory> load(Path file) {
        try {
            return load(file.toString(), Files.readAllBytes(file));
        } catch (IOException | SecurityException e) {
            return new LoadResult<>(null, List.of(new Problem(file.toString(), 1, 1, "cannot read the file: " + e)),
                    "", SourceMap.EMPTY, file.toString());
        }
    }

    public LoadResult<Inventory> load(String name, String text) {
        return load(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public LoadResult<Inventory> load(String name, byte[] bytes) {
        YamlContext cx = new YamlContext(name);
        String sha = YamlSource.sha256(bytes);
        String text = YamlSource.decode(bytes, cx);
        Node root = text == null ? null : YamlSource.compose(text, cx, "an inventory needs environment: and hosts:");
        Inventory inv = root == null ? null : read(root, cx);
        return new LoadResult<>(cx.hasProblems() ? null : inv, cx.problems(), sha, cx.sourceMap(), name);
    }

    private Inventory read(Node root, YamlContext cx) {
        MappingNode m = cx.map(root, "an inventory");
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, "at the top level", "", KEYS);
        String env = r.requiredText("environment");
        r.require("hosts");
        String[] knownHosts = {null};
        Host defaults = defaults(r, cx, knownHosts);
        Map<String, Host> hosts = hosts(r, cx, defaults);
        Map<String, List<String>> roles = roles(r, cx, hosts);
        checkJumps(hosts, cx);
        return new Inventory(env, hosts, roles, scalars(r, "vars", "vars", cx), knownHosts[0]);
    }

    /** The defaults as a host; {@code knownHosts[0]} gets {@code defaults.known_hosts} (the lab names its own). */
    private static Host defaults(MapReader r, YamlContext cx, String[] knownHosts) {
        MappingNode m = r.has("defaults") ? cx.map(r.value("defaults"), "'defaults'") : null;
        if (m == null) {
            return new Host("", null, null, 22, null, null, Map.of());
        }
        MapReader d = new MapReader(cx, m, "in defaults", "defaults", List.of("user", "port", "identity", "known_hosts"));
        Integer port = port(d, cx);
        knownHosts[0] = d.text("known_hosts");
        return new Host("", null, d.text("user"), port == null ? 22 : port, d.text("identity"), null, Map.of());
    }

    private static Integer port(MapReader r, YamlContext cx) {
        Integer p = r.integer("port", 1);
        if (p != null && p > 65535) {
            cx.error(r.value("port"), "'port' " + r.where() + " must be 1-65535, found " + p);
            return null;
        }
        return p;
    }

    private static Map<String, Host> hosts(MapReader r, YamlContext cx, Host defaults) {
        Map<String, Host> out = new LinkedHashMap<>();
        MappingNode m = r.has("hosts") ? cx.map(r.value("hosts"), "'hosts'") : null;
        if (m == null) {
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String name = cx.text(t.getKeyNode(), "a host name");
            if (name == null || out.containsKey(name)) {
                continue;
            }
            if (!HOST.matcher(name).matches()) {
                cx.error(t.getKeyNode(), "host name '" + name + "' may use only letters, digits, '.', '_' and '-'");
                continue;
            }
            out.put(name, host(name, t.getValueNode(), cx, defaults));
        }
        return out;
    }

    private static Host host(String name, Node n, YamlContext cx, Host defaults) {
        if (YamlContext.isNull(n)) {
            return new Host(name, name, defaults.user(), defaults.port(), defaults.identity(), null, Map.of());
        }
        MappingNode m = cx.map(n, "host '" + name + "'");
        if (m == null) {
            return new Host(name, name, defaults.user(), defaults.port(), defaults.identity(), null, Map.of());
        }
        MapReader h = new MapReader(cx, m, "in host '" + name + "'", "hosts/" + name, HOST_KEYS);
        String address = h.has("address") ? h.text("address") : name;
        String user = h.has("user") ? h.text("user") : defaults.user();
        Integer port = h.has("port") ? port(h, cx) : Integer.valueOf(defaults.port());
        String identity = h.has("identity") ? h.text("identity") : defaults.identity();
        Map<String, String> vars = scalars(h, "vars", "hosts/" + name + "/vars", cx);
        return new Host(name, address, user, port == null ? 22 : port, identity, h.text("jump"), vars);
    }

    private static Map<String, String> scalars(MapReader r, String key, String path, YamlContext cx) {
        Map<String, String> out = new LinkedHashMap<>();
        MappingNode m = r.has(key) ? cx.map(r.value(key), "'" + key + "' " + r.where()) : null;
        if (m == null) {
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String k = cx.text(t.getKeyNode(), "a var name");
            if (k == null) {
                continue;
            }
            cx.record(path + "/" + k, t.getValueNode());
            String v = cx.text(t.getValueNode(), "var '" + k + "'");
            out.putIfAbsent(k, v == null ? "" : v);
        }
        return out;
    }

    private static Map<String, List<String>> roles(MapReader r, YamlContext cx, Map<String, Host> hosts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        MappingNode m = r.has("roles") ? cx.map(r.value("roles"), "'roles'") : null;
        if (m == null) {
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String role = cx.text(t.getKeyNode(), "a role name");
            SequenceNode seq = role == null ? null : cx.list(t.getValueNode(), "role '" + role + "'");
            if (seq == null) {
                continue;
            }
            Set<String> members = new LinkedHashSet<>();
            for (Node item : seq.getValue()) {
                String h = cx.text(item, "a host of role '" + role + "'");
                if (h != null && !hosts.containsKey(h)) {
                    cx.error(item, "role '" + role + "' names host '" + h + "', which is not listed under hosts"
                            + Suggestions.didYouMean(h, hosts.keySet()));
                } else if (h != null && !members.add(h)) {
                    cx.error(item, "host '" + h + "' is listed twice in role '" + role + "': remove one");
                }
            }
            out.putIfAbsent(role, new ArrayList<>(members));
        }
        return out;
    }

    private static void checkJumps(Map<String, Host> hosts, YamlContext cx) {
        SourceMap map = cx.sourceMap();
        for (Host h : hosts.values()) {
            if (h.jump() == null) {
                continue;
            }
            String at = "hosts/" + h.name() + "/jump";
            if (!hosts.containsKey(h.jump())) {
                cx.error(map.at(at), "jump host '" + h.jump() + "' of host '" + h.name() + "' is not listed under hosts"
                        + Suggestions.didYouMean(h.jump(), hosts.keySet()) + "; add it or fix the name");
                continue;
            }
            List<String> chain = new ArrayList<>(List.of(h.name()));
            String next = h.jump();
            while (next != null && hosts.containsKey(next)) {
                if (chain.contains(next)) {
                    chain.add(next);
                    if (next.equals(h.name())) { // report each cycle at each of its hosts' jump:
                        cx.error(map.at(at), "jump cycle: " + String.join(" -> ", chain)
                                + ": a host cannot reach itself through jump hosts; break the cycle");
                    }
                    break;
                }
                chain.add(next);
                next = hosts.get(next).jump();
            }
        }
    }
}
