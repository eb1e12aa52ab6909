package dev.belay.runbook;

import dev.belay.runbook.yaml.MapReader;
import dev.belay.runbook.yaml.YamlContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads an {@code expect:} list into {@link Expectation}s (runbooks, and the checks of test scenarios). */
public final class ExpectationReader {

    static final List<String> KEYS = List.of("exit", "contains", "not_contains", "matches", "number", "json", "capture");
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final YamlContext cx;

    public ExpectationReader(YamlContext cx) {
        this.cx = cx;
    }

    public List<Expectation> readList(Node n, String where, String path) {
        List<Expectation> out = new ArrayList<>();
        if (YamlContext.isNull(n)) {
            return out;
        }
        SequenceNode seq = cx.list(n, "'expect' " + where);
        if (seq == null) {
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Expectation e = read(seq.getValue().get(i), "in expectation " + (i + 1) + " " + where.replaceFirst("^in ", "of "),
                    path + "/" + i);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private Expectation read(Node n, String where, String path) {
        MappingNode m = cx.map(n, "an expectation (" + String.join(", ", KEYS) + ")");
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, where, path, KEYS);
        if (r.entries().size() != 1) {
            if (r.entries().size() > 1) {
                cx.error(m, "an expectation has one key, found " + r.entries().size() + " (" + String.join(", ",
                        r.entries().keySet()) + ") " + where + ": write each as its own '- ' item");
            } else if (m.getValue().isEmpty()) {
                cx.error(m, "empty expectation " + where + ": write one of " + String.join(", ", KEYS));
            }
            return null;
        }
        String key = r.entries().keySet().iterator().next();
        if (!r.require(key)) {
            return null;
        }
        return switch (key) {
            case "exit" -> {
                Integer code = r.integer("exit", 0);
                yield code == null ? null : new Expectation.Exit(code);
            }
            case "contains" -> new Expectation.Contains(r.text(key));
            case "not_contains" -> new Expectation.NotContains(r.text(key));
            case "matches" -> new Expectation.Matches(r.text(key));
            case "number" -> number(r);
            case "json" -> json(r);
            default -> capture(r);
        };
    }

    private Expectation number(MapReader outer) {
        MappingNode m = cx.map(outer.value("number"), "'number' " + outer.where());
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, "in 'number' " + outer.where(), outer.child("number"),
                List.of("match", "min", "max", "eq"));
        String regex = r.requiredText("match");
        if (regex == null) {
            return null;
        }
        return new Expectation.NumberCheck(regex, r.number("min"), r.number("max"), r.number("eq"));
    }

    private Expectation json(MapReader outer) {
        MappingNode m = cx.map(outer.value("json"), "'json' " + outer.where());
        if (m == null) {
            return null;
        }
        MapReader r = new MapReader(cx, m, "in 'json' " + outer.where(), outer.child("json"),
                List.of("pointer", "equals"));
        String pointer = r.requiredText("pointer");
        String equals = r.require("equals") ? r.text("equals") : null;
        if (pointer != null && !pointer.isEmpty() && !pointer.startsWith("/")) {
            cx.error(r.value("pointer"), "JSON pointer '" + pointer + "' " + r.where()
                    + " must start with '/', like /health/status");
            return null;
        }
        return pointer == null || equals == null ? null : new Expectation.Json(pointer, equals);
    }

    private Expectation capture(MapReader outer) {
        MappingNode m = cx.map(outer.value("capture"), "'capture' " + outer.where());
        if (m == null) {
            return null;
        }
        if (m.getValue().size() != 1) {
            cx.error(m, "'capture' " + outer.where() + " takes exactly one 'name: REGEX' pair, found "
                    + m.getValue().size() + ": write one capture per '- ' item");
            return null;
        }
        NodeTuple t = m.getValue().get(0);
        String name = cx.text(t.getKeyNode(), "a capture name");
        String regex = cx.text(t.getValueNode(), "the regex of capture '" + name + "'");
        cx.record(outer.child("capture") + "/" + name, t.getValueNode());
        if (name != null && !VAR_NAME.matcher(name).matches()) {
            cx.error(t.getKeyNode(), "capture name '" + name + "' " + outer.where()
                    + " must be a name of letters, digits and _ (not starting with a digit)");
            return null;
        }
        if (regex == null && t.getKeyNode() instanceof ScalarNode) {
            cx.error(t.getValueNode(), "capture '" + name + "' " + outer.where() + " needs a regex with one group");
        }
        return name == null || regex == null ? null : new Expectation.Capture(name, regex);
    }
}
