package dev.belay.runbook;

import dev.belay.runbook.yaml.MapReader;
import dev.belay.runbook.yaml.YamlContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Maps a composed YAML tree to a {@link Runbook}, reporting shape problems (unknown and missing keys,
 * wrong types, bad durations and selectors) as it goes. Parts with problems are left out or null,
 * so the validator can still check the rest and every problem is reported in one pass.
 */
final class RunbookReader {

    static final List<String> KEYS = List.of("id", "title", "component", "revision", "summary", "estimate", "roles",
            "vars", "monitors", "preflight", "steps", "on_failure", "rollback", "automation");
    static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]+");
    static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]+");
    static final Duration DEFAULT_MONITOR_EVERY = Duration.ofSeconds(10);

    private final YamlContext cx;
    private final StepReader steps;
    private final ExpectationReader expectations;

    RunbookReader(YamlContext cx) {
        this.cx = cx;
        this.steps = new StepReader(cx);
        this.expectations = new ExpectationReader(cx);
    }

    Runbook read(Node root) {
        MappingNode m = cx.map(root, "a runbook");
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, "at the top level", "", KEYS);
        String id = r.requiredText("id");
        if (id != null && !StepReader.ID.matcher(id).matches()) {
            cx.error(r.value("id"), "runbook id '" + id + "' may use only lower-case letters, digits and '-', like '"
                    + StepReader.suggestId(id) + "'");
        }
        String title = r.requiredText("title");
        Integer revision = r.integer("revision", 1);
        r.require("steps");
        return new Runbook(id, title, r.text("component"), revision == null ? 1 : revision, r.text("summary"),
                r.duration("estimate"), roles(r), vars(r), monitors(r), stepList(r, "preflight", "preflight check", false),
                stepList(r, "steps", "step", true), StepReader.failurePolicy(r, cx),
                stepList(r, "rollback", "rollback step", true), productionAutomation(r));
    }

    /**
     * {@code automation: { production: allowed | refused }}: whether an unattended run
     * ({@code --auto-confirm}) may target a production inventory. Refused unless the author says so.
     */
    private boolean productionAutomation(MapReader r) {
        MappingNode m = r.has("automation") ? cx.map(r.value("automation"), "'automation'") : null;
        if (m == null) {
            return false;
        }
        MapReader a = new MapReader(cx, m, "in 'automation'", "automation", List.of("production"));
        String value = a.text("production");
        if (value == null) {
            return false;
        }
        if (!value.equals("allowed") && !value.equals("refused")) {
            cx.error(a.value("production"), "'production' in 'automation' is '" + value
                    + "': use 'allowed' (unattended --auto-confirm runs may target production) or 'refused'");
            return false;
        }
        return value.equals("allowed");
    }

    private List<Step> stepList(MapReader r, String key, String kind, boolean titleRequired) {
        List<Step> out = new ArrayList<>();
        if (!r.has(key)) {
            return out;
        }
        SequenceNode seq = cx.list(r.value(key), "'" + key + "'");
        if (seq == null) {
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Step s = steps.read(seq.getValue().get(i), kind, i, key + "/" + i, titleRequired);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private Map<String, RoleSpec> roles(MapReader r) {
        Map<String, RoleSpec> out = new LinkedHashMap<>();
        MappingNode m = r.has("roles") ? cx.map(r.value("roles"), "'roles'") : null;
        if (m == null) {
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String name = cx.text(t.getKeyNode(), "a role name");
            if (name == null) {
                continue;
            }
            if (!ROLE.matcher(name).matches()) {
                cx.error(t.getKeyNode(), "role name '" + name + "' may use only letters, digits, '_' and '-'");
                continue;
            }
            out.putIfAbsent(name, roleSpec(t.getValueNode(), name));
        }
        return out;
    }

    private RoleSpec roleSpec(Node n, String name) {
        if (YamlContext.isNull(n)) {
            return RoleSpec.ANY;
        }
        MappingNode m = cx.map(n, "role '" + name + "'");
        if (m == null) {
            return RoleSpec.ANY;
        }
        MapReader r = new MapReader(cx, m, "in role '" + name + "'", "roles/" + name, List.of("min", "max", "groups"));
        Integer min = r.integer("min", 0);
        Integer max = r.integer("max", 1);
        int lo = min == null ? 1 : min;
        if (max != null && max < lo) {
            cx.error(r.value("max"), "'max' in role '" + name + "' (" + max + ") is below its min (" + lo + ")");
            max = null;
        }
        return new RoleSpec(lo, max, groups(r, name));
    }

    /** {@code groups: [control, mariadb]}: inventory groups that fill the role, each named once. */
    private List<String> groups(MapReader r, String role) {
        List<String> out = new ArrayList<>();
        SequenceNode seq = r.has("groups") ? cx.list(r.value("groups"), "'groups' of role '" + role + "'") : null;
        if (seq == null) {
            return out;
        }
        for (Node item : seq.getValue()) {
            String g = cx.text(item, "a group of role '" + role + "'");
            if (g == null) {
                continue;
            }
            if (!GROUP.matcher(g).matches()) {
                cx.error(item, "group name '" + g + "' in role '" + role + "' may use only letters, digits, '_', '.'"
                        + " and '-'");
            } else if (out.contains(g)) {
                cx.error(item, "group '" + g + "' is listed twice in role '" + role + "': remove one");
            } else {
                out.add(g);
            }
        }
        return out;
    }

    private Map<String, VarSpec> vars(MapReader r) {
        Map<String, VarSpec> out = new LinkedHashMap<>();
        MappingNode m = r.has("vars") ? cx.map(r.value("vars"), "'vars'") : null;
        if (m == null) {
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String name = cx.text(t.getKeyNode(), "a var name");
            if (name == null) {
                continue;
            }
            if (name.equals("host")) {
                cx.error(t.getKeyNode(), "var name 'host' is reserved for ${host.name}, ${host.address} and"
                        + " ${host.KEY}: rename the var");
                continue;
            }
            if (!ExpectationReader.VAR_NAME.matcher(name).matches()) {
                cx.error(t.getKeyNode(), "var name '" + name + "' must be letters, digits and _, not starting with a"
                        + " digit");
                continue;
            }
            out.putIfAbsent(name, varSpec(t.getValueNode(), name));
        }
        return out;
    }

    private VarSpec varSpec(Node n, String name) {
        if (YamlContext.isNull(n)) {
            return new VarSpec(name, null, null, false);
        }
        MappingNode m = cx.map(n, "var '" + name + "'");
        if (m == null) {
            return new VarSpec(name, null, null, false);
        }
        MapReader r = new MapReader(cx, m, "in var '" + name + "'", "vars/" + name,
                List.of("prompt", "default", "secret"));
        return new VarSpec(name, r.text("prompt"), r.text("default"), r.bool("secret"));
    }

    private List<Monitor> monitors(MapReader r) {
        List<Monitor> out = new ArrayList<>();
        SequenceNode seq = r.has("monitors") ? cx.list(r.value("monitors"), "'monitors'") : null;
        if (seq == null) {
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Monitor mon = monitor(seq.getValue().get(i), i);
            if (mon != null) {
                out.add(mon);
            }
        }
        return out;
    }

    private Monitor monitor(Node n, int index) {
        MappingNode m = cx.map(n, "monitor " + (index + 1));
        if (m == null) {
            return null;
        }
        String label = StepReader.labelOf(m, "monitor", index);
        MapReader r = new MapReader(cx, m, "in " + label, "monitors/" + index,
                List.of("id", "every", "tcp", "http", "expect_status", "on", "run", "expect"));
        String id = r.requiredText("id");
        if (id != null && !StepReader.ID.matcher(id).matches()) {
            cx.error(r.value("id"), "id '" + id + "' in " + label + " may use only lower-case letters, digits and '-'");
        }
        Duration every = r.has("every") ? r.duration("every") : DEFAULT_MONITOR_EVERY;
        if (every != null && every.isZero()) {
            cx.error(r.value("every"), "'every' in " + label + " must be longer than 0s");
        }
        Monitor.Probe probe = probe(r, label);
        return id == null || probe == null || every == null ? null : new Monitor(id, probe, every);
    }

    private Monitor.Probe probe(MapReader r, String label) {
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("tcp", "http", "run")) {
            if (r.entries().containsKey(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            cx.error(kinds.size() > 1 ? r.keyNode(kinds.get(1)) : r.node(), label + " needs exactly one of tcp:, http:"
                    + " or run:" + (kinds.isEmpty() ? "" : ", found " + String.join(" and ", kinds)));
            return null;
        }
        String kind = kinds.get(0);
        if (!kind.equals("http") && r.entries().containsKey("expect_status")) {
            cx.error(r.keyNode("expect_status"), "'expect_status' in " + label + " only applies to an http: monitor");
        }
        if (!kind.equals("run")) {
            for (String k : List.of("on", "expect")) {
                if (r.entries().containsKey(k)) {
                    cx.error(r.keyNode(k), "'" + k + "' in " + label + " only applies to a run: monitor");
                }
            }
        }
        return switch (kind) {
            case "tcp" -> {
                String target = r.requiredText("tcp");
                yield target == null ? null : new Monitor.Tcp(target);
            }
            case "http" -> {
                String url = r.requiredText("http");
                Integer status = r.has("expect_status") ? r.integer("expect_status", 100) : Integer.valueOf(200);
                yield url == null || status == null ? null : new Monitor.Http(url, status);
            }
            default -> {
                Selector on = r.require("on") ? steps.selector(r, "on") : null;
                String command = r.requiredText("run");
                List<Expectation> expect = expectations.readList(r.value("expect"), r.where(), r.child("expect"));
                yield on == null || command == null ? null : new Monitor.Command(on, command, expect);
            }
        };
    }
}
