package dev.belay.runbook;

import dev.belay.runbook.yaml.MapReader;
import dev.belay.runbook.yaml.YamlContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one step (of {@code steps:}, {@code preflight:} or {@code rollback:}) into a {@link Step}. */
final class StepReader {

    static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    static final List<String> KEYS = List.of("id", "title", "description", "on", "run", "terminal", "confirm",
            "wait", "include", "timeout", "expect", "when", "estimate", "serial", "retry", "point_of_no_return",
            "on_failure", "gate", "snapshot", "snapshot_expect");
    static final List<String> ACTIONS = List.of("run", "terminal", "wait", "include");
    /** Keys that only make sense with a {@code run:} command executed over SSH. */
    static final List<String> RUN_ONLY = List.of("timeout", "expect", "serial", "retry", "gate", "snapshot",
            "snapshot_expect");
    static final List<String> GATE_KEYS = List.of("on", "run", "expect", "retry", "timeout");

    private final YamlContext cx;
    private final ExpectationReader expectations;

    StepReader(YamlContext cx) {
        this.cx = cx;
        this.expectations = new ExpectationReader(cx);
    }

    /** @param kind "step", "preflight check" or "rollback step", for messages */
    Step read(Node n, String kind, int index, String path, boolean titleRequired) {
        MappingNode m = cx.map(n, kind + " " + (index + 1));
        if (m == null) {
            return null;
        }
        String label = labelOf(m, kind, index);
        MapReader r = new MapReader(cx, m, "in " + label, path, KEYS);
        String id = id(r);
        String title = titleRequired ? r.requiredText("title") : r.text("title");
        Action action = action(r, label);
        if (!(action instanceof Action.Run)) {
            for (String k : RUN_ONLY) {
                if (r.entries().containsKey(k) && action != null) {
                    cx.error(r.keyNode(k), "'" + k + "' in " + label + " only applies to a run: step: remove it"
                            + " or make the step a run: step");
                }
            }
        }
        if (r.entries().containsKey("snapshot_expect") && !r.has("snapshot")) {
            cx.error(r.keyNode("snapshot_expect"), "'snapshot_expect' in " + label
                    + " needs 'snapshot: NAME' to compare against: add it or remove snapshot_expect");
        }
        String confirm = action instanceof Action.Manual ? null : r.text("confirm");
        int approvers = NoReturnReader.approvers(r, cx);
        return new Step(id, title, r.text("description"), action, confirm, r.text("when"), r.duration("estimate"),
                r.integer("serial", 1), retry(r), approvers > 0, failurePolicy(r, cx),
                gate(r, label), r.text("snapshot"), snapshotExpect(r), approvers);
    }

    static String labelOf(MappingNode m, String kind, int index) {
        return m.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals("id")
                        && t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode v && !YamlContext.isNull(v))
                .map(t -> kind + " '" + ((org.yaml.snakeyaml.nodes.ScalarNode) t.getValueNode()).getValue() + "'")
                .findFirst().orElse(kind + " " + (index + 1));
    }

    private String id(MapReader r) {
        String id = r.requiredText("id");
        if (id != null && !ID.matcher(id).matches()) {
            cx.error(r.value("id"), "id '" + id + "' " + r.where()
                    + " may use only lower-case letters, digits and '-', like '" + suggestId(id) + "'");
        }
        return id;
    }

    static String suggestId(String id) {
        String s = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "step-1" : s;
    }

    private Action action(MapReader r, String label) {
        List<String> present = new ArrayList<>();
        for (String a : ACTIONS) {
            if (r.entries().containsKey(a) && !(a.equals("run") && r.entries().containsKey("terminal"))) {
                present.add(a);
            }
        }
        if (present.size() > 1) {
            cx.error(r.keyNode(present.get(1)), label + " has two actions (" + present.get(0) + ": and "
                    + present.get(1) + ":): a step does one thing, split it into two steps");
            return null;
        }
        if (present.isEmpty()) {
            if (r.has("confirm")) {
                return new Action.Manual(r.text("confirm"));
            }
            cx.error(r.node(), label + " has no action: add one of run:, terminal:, confirm:, wait:, include:");
            return null;
        }
        return switch (present.get(0)) {
            case "run" -> run(r, label);
            case "terminal" -> terminal(r, label);
            case "wait" -> {
                Duration d = r.require("wait") ? r.duration("wait") : null;
                yield d == null ? null : new Action.Wait(d);
            }
            default -> {
                String target = r.requiredText("include");
                yield target == null ? null : new Action.Include(target);
            }
        };
    }

    private Action run(MapReader r, String label) {
        Selector on = r.require("on") ? selector(r, "on") : null;
        String command = r.requiredText("run");
        List<Expectation> expect = expectations.readList(r.value("expect"), "in " + label, r.child("expect"));
        Duration timeout = r.duration("timeout");
        return on == null || command == null ? null : new Action.Run(on, command, timeout, expect);
    }

    private Action terminal(MapReader r, String label) {
        if (r.entries().containsKey("on")) {
            cx.error(r.keyNode("on"), "'on' in " + label + " is not used with terminal: (terminal: names the host):"
                    + " remove on:");
        }
        Selector host = r.require("terminal") ? selector(r, "terminal") : null;
        if (!r.entries().containsKey("run")) {
            cx.error(r.keyNode("terminal"), "terminal: in " + label + " needs run: (the command to type)");
            return null;
        }
        String command = r.requiredText("run");
        return host == null || command == null ? null : new Action.Terminal(host, command);
    }

    Selector selector(MapReader r, String key) {
        String text = r.text(key);
        if (text == null) {
            return null;
        }
        try {
            return Selectors.parse(text);
        } catch (IllegalArgumentException e) {
            cx.error(r.value(key), e.getMessage() + " ('" + key + "' " + r.where() + ")");
            return null;
        }
    }

    Retry retry(MapReader outer) {
        if (!outer.has("retry")) {
            return null;
        }
        MappingNode m = cx.map(outer.value("retry"), "'retry' " + outer.where());
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, "in 'retry' " + outer.where(), outer.child("retry"),
                List.of("every", "within"));
        Duration every = r.require("every") ? r.duration("every") : null;
        Duration within = r.require("within") ? r.duration("within") : null;
        if (every != null && every.isZero()) {
            cx.error(r.value("every"), "'every' " + r.where() + " must be longer than 0s");
            return null;
        }
        return every == null || within == null ? null : new Retry(every, within);
    }

    private Gate gate(MapReader outer, String label) {
        if (!outer.has("gate")) {
            return null;
        }
        MappingNode m = cx.map(outer.value("gate"), "'gate' in " + label);
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, "in the gate of " + label, outer.child("gate"), GATE_KEYS);
        Selector on = r.require("on") ? selector(r, "on") : null;
        String command = r.requiredText("run");
        List<Expectation> expect = expectations.readList(r.value("expect"), r.where(), r.child("expect"));
        Retry retry = retry(r);
        Duration timeout = r.duration("timeout");
        return on == null || command == null ? null : new Gate(on, command, expect, retry, timeout);
    }

    static FailurePolicy failurePolicy(MapReader r, YamlContext cx) {
        String t = r.text("on_failure");
        if (t == null) {
            return null;
        }
        for (FailurePolicy p : FailurePolicy.values()) {
            if (p.yamlName().equals(t)) {
                return p;
            }
        }
        cx.error(r.value("on_failure"), "'on_failure' " + r.where() + " must be ask, rollback or stop, found '"
                + t + "'");
        return null;
    }

    private SnapshotExpect snapshotExpect(MapReader r) {
        String t = r.text("snapshot_expect");
        if (t == null || t.equals("show_diff")) {
            return SnapshotExpect.SHOW_DIFF;
        }
        if (t.equals("same")) {
            return SnapshotExpect.SAME;
        }
        cx.error(r.value("snapshot_expect"), "'snapshot_expect' " + r.where() + " must be 'same' or 'show_diff',"
                + " found '" + t + "'");
        return null;
    }
}
