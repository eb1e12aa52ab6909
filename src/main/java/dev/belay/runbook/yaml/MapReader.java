package dev.belay.runbook.yaml;

import dev.belay.runbook.Durations;
import dev.belay.runbook.Suggestions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one YAML map of a known shape: reports unknown keys (with a suggestion) on creation, then
 * hands out typed values, reporting wrong types and missing required keys at their positions.
 * {@code where} names the place for messages, e.g. "in step 'stop'".
 */
public final class MapReader {

    private final YamlContext cx;
    private final MappingNode node;
    private final String where;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    public MapReader(YamlContext cx, MappingNode node, String where, String path, Collection<String> known) {
        this.cx = cx;
        this.node = node;
        this.where = where;
        this.path = path;
        cx.record(path, node);
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                cx.error(t.getKeyNode(), "a key must be plain text " + where);
                continue;
            }
            String key = k.getValue();
            if (known != null && !known.contains(key)) {
                cx.error(k, "unknown key '" + key + "' " + where + Suggestions.didYouMean(key, known));
                continue;
            }
            entries.putIfAbsent(key, t);
            cx.record(child(key), t.getValueNode());
        }
    }

    public String where() {
        return where;
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    public MappingNode node() {
        return node;
    }

    public Map<String, NodeTuple> entries() {
        return entries;
    }

    /** Present with a non-null value. */
    public boolean has(String key) {
        NodeTuple t = entries.get(key);
        return t != null && !YamlContext.isNull(t.getValueNode());
    }

    public Node value(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    public Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    /** Reports a missing required key at the start of the map; true when present. */
    public boolean require(String key) {
        if (has(key)) {
            return true;
        }
        if (entries.containsKey(key)) {
            cx.error(keyNode(key), "'" + key + "' " + where + " has no value: give it one");
        } else {
            cx.error(node, "missing required key '" + key + "' " + where + ": add '" + key + ": ...'");
        }
        return false;
    }

    public String text(String key) {
        return has(key) ? cx.text(value(key), "'" + key + "' " + where) : null;
    }

    public String requiredText(String key) {
        return require(key) ? text(key) : null;
    }

    public Duration duration(String key) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            cx.error(value(key), e.getMessage() + " ('" + key + "' " + where + ")");
            return null;
        }
    }

    /** An integer of at least {@code min}, or null (absent or wrong, with a problem). */
    public Integer integer(String key, int min) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(t.strip());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        cx.error(value(key), "'" + key + "' " + where + " must be a whole number of at least " + min
                + ", found '" + t + "'");
        return null;
    }

    public BigDecimal number(String key) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        try {
            return new BigDecimal(t.strip());
        } catch (NumberFormatException e) {
            cx.error(value(key), "'" + key + "' " + where + " must be a number, found '" + t + "'");
            return null;
        }
    }

    public boolean bool(String key) {
        String t = text(key);
        if (t == null) {
            return false;
        }
        switch (t) {
            case "true", "yes", "True", "TRUE", "Yes", "YES" -> {
                return true;
            }
            case "false", "no", "False", "FALSE", "No", "NO" -> {
                return false;
            }
            default -> {
                cx.error(value(key), "'" + key + "' " + where + " must be true or false, found '" + t + "'");
                return false;
            }
        }
    }
}
