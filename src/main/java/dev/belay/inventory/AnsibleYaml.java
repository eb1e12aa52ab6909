package dev.belay.inventory;

import dev.belay.runbook.yaml.YamlContext;
import dev.belay.runbook.yaml.YamlSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Parses Ansible's YAML inventory: {@code group: {hosts: {h: {vars}}, vars: {...}, children: {group: ...}}}. */
final class AnsibleYaml {

    private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");

    private final YamlContext cx;

    AnsibleYaml(YamlContext cx) {
        this.cx = cx;
    }

    AnsibleInventoryImporter.Model parse(String text) {
        Node root = YamlSource.compose(text, cx, "an Ansible inventory needs at least one group, like all:");
        MappingNode m = root == null ? null : cx.map(root, "an Ansible inventory");
        if (m == null) {
            return null;
        }
        AnsibleInventoryImporter.Model model = new AnsibleInventoryImporter.Model();
        for (NodeTuple t : m.getValue()) {
            group(model, cx.text(t.getKeyNode(), "a group name"), t.getValueNode());
        }
        return model;
    }

    private void group(AnsibleInventoryImporter.Model model, String name, Node body) {
        if (name == null) {
            return;
        }
        AnsibleInventoryImporter.Group g = model.group(name);
        if (YamlContext.isNull(body)) {
            return;
        }
        MappingNode m = cx.map(body, "group '" + name + "'");
        if (m == null) {
            return;
        }
        for (NodeTuple t : m.getValue()) {
            String key = cx.text(t.getKeyNode(), "a key of group '" + name + "'");
            if (key == null || YamlContext.isNull(t.getValueNode())) {
                continue;
            }
            if (!GROUP_KEYS.contains(key)) {
                cx.error(t.getKeyNode(), "unknown key '" + key + "' in group '" + name + "': use hosts:, vars: or"
                        + " children:");
                continue;
            }
            MappingNode v = cx.map(t.getValueNode(), "'" + key + "' of group '" + name + "'");
            if (v == null) {
                continue;
            }
            for (NodeTuple e : v.getValue()) {
                String k = cx.text(e.getKeyNode(), "a name in '" + key + "' of group '" + name + "'");
                if (k == null) {
                    continue;
                }
                switch (key) {
                    case "hosts" -> AnsibleIni.expand(k).forEach(h -> model.addHost(name, h, vars(e.getValueNode())));
                    case "vars" -> g.vars.put(k, scalar(e.getValueNode(), k));
                    default -> {
                        g.children.add(k);
                        group(model, k, e.getValueNode());
                    }
                }
            }
        }
    }

    private Map<String, String> vars(Node n) {
        Map<String, String> out = new LinkedHashMap<>();
        MappingNode m = YamlContext.isNull(n) ? null : cx.map(n, "host vars");
        if (m != null) {
            for (NodeTuple t : m.getValue()) {
                String k = cx.text(t.getKeyNode(), "a var name");
                if (k != null) {
                    out.put(k, scalar(t.getValueNode(), k));
                }
            }
        }
        return out;
    }

    /** Ansible allows structured vars; Belay vars are text, so lists and maps are refused by name. */
    private String scalar(Node n, String name) {
        if (n instanceof ScalarNode s) {
            return YamlContext.isNull(n) ? "" : s.getValue();
        }
        cx.error(n, "var '" + name + "' is " + YamlContext.describe(n) + "; Belay vars are single values");
        return "";
    }
}
