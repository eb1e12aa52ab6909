package dev.belay.runbook.yaml;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** SnakeYAML's composer keeps duplicate keys silently; a runbook must not, so every map is checked. */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    static void check(Node root, YamlContext cx) {
        walk(root, cx, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Node node, YamlContext cx, Set<Node> seen) {
        if (!seen.add(node)) {
            return; // aliases share nodes; each is checked once
        }
        if (node instanceof MappingNode map) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    Node first = keys.putIfAbsent(k.getValue(), k);
                    if (first != null) {
                        cx.error(k, "duplicate key '" + k.getValue() + "' (first at line "
                                + (first.getStartMark().getLine() + 1) + "): keep only one");
                    }
                }
                walk(t.getValueNode(), cx, seen);
            }
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> walk(n, cx, seen));
        }
    }
}
