package dev.belay.runbook;

import dev.belay.runbook.yaml.MapReader;
import dev.belay.runbook.yaml.YamlContext;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code point_of_no_return:} in either form: {@code true} (the operator approves alone) or
 * {@code { approvers: N }} (N different people approve, the operator first).
 */
final class NoReturnReader {

    static final String KEY = "point_of_no_return";
    /** More approvers than this is a typo, not a policy: nobody gathers ten people at 3 a.m. */
    static final int MAX_APPROVERS = 5;

    private NoReturnReader() {
    }

    /** How many people must approve: 0 when the step is not a point of no return. */
    static int approvers(MapReader step, YamlContext cx) {
        if (!step.has(KEY)) {
            return 0;
        }
        Node value = step.value(KEY);
        if (!(value instanceof MappingNode)) {
            String t = step.text(KEY);
            if (t != null && !t.matches("(?i)true|false|yes|no")) {
                cx.error(value, "'" + KEY + "' " + step.where() + " must be true, false or { approvers: N },"
                        + " found '" + t + "'");
                return 0;
            }
            return step.bool(KEY) ? 1 : 0;
        }
        MappingNode m = cx.map(value, "'" + KEY + "' " + step.where());
        MapReader r = new MapReader(cx, m, "in '" + KEY + "' " + step.where(), step.child(KEY), List.of("approvers"));
        if (!r.require("approvers")) {
            return 1;
        }
        Integer n = r.integer("approvers", 1);
        if (n == null) {
            return 1;
        }
        if (n > MAX_APPROVERS) {
            cx.error(r.value("approvers"), "'approvers' " + r.where() + " is " + n + "; at most " + MAX_APPROVERS
                    + " people can be required (the operator and up to " + (MAX_APPROVERS - 1) + " others)");
            return MAX_APPROVERS;
        }
        return n;
    }
}
