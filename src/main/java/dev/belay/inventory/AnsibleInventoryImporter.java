package dev.belay.inventory;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.SourceMap;
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

/**
 * Imports an Ansible inventory (INI or YAML). Groups become roles, with {@code children} flattened
 * into their parents; {@code ansible_host}, {@code ansible_user}, {@code ansible_port} and
 * {@code ansible_ssh_private_key_file} become address, user, port and identity; other vars become
 * host vars (group vars first, host vars win). Vars of {@code all} are also the inventory's vars.
 */
public final class AnsibleInventoryImporter {

    /** A var of {@code all} that names the environment (staging, production) in an Ansible inventory. */
    public static final String ENVIRONMENT_VAR = "belay_environment";

    /** What both syntaxes parse to: groups with their own hosts, vars and children, in file order. */
    static final class Model {
        final Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
        final Map<String, Group> groups = new LinkedHashMap<>();

        Group group(String name) {
            return groups.computeIfAbsent(name, k -> new Group());
        }

        void addHost(String group, String host, Map<String, String> vars) {
            hostVars.computeIfAbsent(host, k -> new LinkedHashMap<>()).putAll(vars);
            group(group).hosts.add(host);
        }
    }

    static final class Group {
        final Set<String> hosts = new LinkedHashSet<>();
        final Map<String, String> vars = new LinkedHashMap<>();
        final Set<String> children = new LinkedHashSet<>();
    }

    /**
     * @param environment the environment name; null uses {@code belay_environment} from the vars of
     *                    {@code all}, else the file name without its extension
     */
    public LoadResult<Inventory> importFile(Path file, String environment) {
        try {
            return importText(file.toString(), Files.readString(file, StandardCharsets.UTF_8), environment);
        } catch (IOException | RuntimeException e) {
            return new LoadResult<>(null, List.of(new Problem(file.toString(), 1, 1, "cannot read the file as UTF-8"
                    + " text: " + e.getClass().getSimpleName())), "", SourceMap.EMPTY, file.toString());
        }
    }

    public LoadResult<Inventory> importText(String name, String text, String environment) {
        return importText(name, text, environment, looksLikeIni(text));
    }

    LoadResult<Inventory> importText(String name, String text, String environment, boolean ini) {
        YamlContext cx = new YamlContext(name);
        String sha = YamlSource.sha256(text.getBytes(StandardCharsets.UTF_8));
        Model model = ini ? new AnsibleIni(cx).parse(text) : new AnsibleYaml(cx).parse(text);
        Inventory inv = model == null ? null : build(model, environment(environment, model, name), cx);
        return new LoadResult<>(cx.hasProblems() ? null : inv, cx.problems(), sha, cx.sourceMap(), name);
    }

    /** The name given, else {@code belay_environment} of {@code all}, else the file name without its extension. */
    private static String environment(String given, Model model, String name) {
        if (given != null) {
            return given;
        }
        Group all = model.groups.get("all");
        String set = all == null ? null : all.vars.get(ENVIRONMENT_VAR);
        if (set != null && !set.isBlank()) {
            return set.strip();
        }
        return Path.of(name).getFileName().toString().replaceFirst("\\.(ini|ya?ml|cfg)$", "");
    }

    /** INI starts with a [section] or a bare host line; YAML with a "group:" key. */
    static boolean looksLikeIni(String text) {
        for (String line : text.replace("\uFEFF", "").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.equals("---")) {
                continue;
            }
            return l.startsWith("[") || !l.endsWith(":") && !l.contains(": ");
        }
        return false;
    }

    private static Inventory build(Model model, String environment, YamlContext cx) {
        Map<String, String> allVars = model.groups.containsKey("all") ? model.groups.get("all").vars : Map.of();
        Map<String, List<String>> roles = new LinkedHashMap<>();
        Map<String, Map<String, String>> effective = new LinkedHashMap<>();
        model.hostVars.keySet().forEach(h -> effective.put(h, new LinkedHashMap<>(allVars)));
        for (String g : model.groups.keySet()) {
            Set<String> members = new LinkedHashSet<>();
            flatten(model, g, members, new LinkedHashSet<>(), cx);
            for (String h : members) {
                effective.get(h).putAll(model.groups.get(g).vars);
            }
            if (!g.equals("all") && !g.equals("ungrouped") && !members.isEmpty()) {
                roles.put(g, new ArrayList<>(members));
            }
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        model.hostVars.forEach((h, own) -> {
            Map<String, String> vars = effective.get(h);
            vars.putAll(own);
            hosts.put(h, host(h, vars, cx));
        });
        Map<String, String> invVars = new LinkedHashMap<>();
        allVars.forEach((k, v) -> {
            if (!k.startsWith("ansible_") && !k.equals(ENVIRONMENT_VAR)) {
                invVars.put(k, v);
            }
        });
        return new Inventory(environment, hosts, roles, invVars);
    }

    private static void flatten(Model model, String group, Set<String> out, Set<String> path, YamlContext cx) {
        if (!path.add(group)) {
            cx.error(1, 1, "group cycle through children: " + String.join(" -> ", path) + " -> " + group);
            return;
        }
        Group g = model.groups.get(group);
        if (g != null) {
            out.addAll(g.hosts);
            for (String child : g.children) {
                flatten(model, child, out, new LinkedHashSet<>(path), cx);
            }
        }
    }

    private static Host host(String name, Map<String, String> vars, YamlContext cx) {
        String address = take(vars, "ansible_host", "ansible_ssh_host");
        String user = take(vars, "ansible_user", "ansible_ssh_user");
        String portText = take(vars, "ansible_port", "ansible_ssh_port");
        String identity = take(vars, "ansible_ssh_private_key_file", "ansible_private_key_file");
        int port = 22;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                cx.error(1, 1, "ansible_port of host '" + name + "' is not a number: '" + portText + "'");
            }
        }
        return new Host(name, address == null ? name : address, user, port, identity, null, vars);
    }

    private static String take(Map<String, String> vars, String key, String legacy) {
        String v = vars.remove(key);
        String old = vars.remove(legacy);
        return v != null ? v : old;
    }
}
