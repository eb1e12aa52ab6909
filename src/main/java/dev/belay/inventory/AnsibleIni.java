package dev.belay.inventory;

import dev.belay.runbook.yaml.YamlContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Ansible's INI inventory: [group], [group:vars], [group:children], host ranges like web[01:03]. */
final class AnsibleIni {

    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:\\s]+)(?::(vars|children))?]");
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+):(\\d+)]");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.\\[\\]:-]+");

    private final YamlContext cx;

    AnsibleIni(YamlContext cx) {
        this.cx = cx;
    }

    AnsibleInventoryImporter.Model parse(String text) {
        AnsibleInventoryImporter.Model model = new AnsibleInventoryImporter.Model();
        String group = "ungrouped";
        String kind = "hosts";
        String[] lines = text.replace("\uFEFF", "").split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                Matcher m = SECTION.matcher(line);
                if (!m.matches()) {
                    cx.error(i + 1, 1, "bad section header '" + line + "': write [group], [group:vars] or"
                            + " [group:children]");
                    continue;
                }
                group = m.group(1);
                kind = m.group(2) == null ? "hosts" : m.group(2);
                model.group(group);
                continue;
            }
            line(model, group, kind, line, i + 1);
        }
        return model;
    }

    private void line(AnsibleInventoryImporter.Model model, String group, String kind, String line, int lineNo) {
        List<String> tokens = tokens(line);
        switch (kind) {
            case "vars" -> {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    cx.error(lineNo, 1, "expected 'key=value' in [" + group + ":vars], found '" + line + "'");
                    return;
                }
                model.group(group).vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
            }
            case "children" -> model.group(group).children.add(tokens.get(0));
            default -> {
                Map<String, String> vars = new LinkedHashMap<>();
                for (String t : tokens.subList(1, tokens.size())) {
                    int eq = t.indexOf('=');
                    if (eq <= 0) {
                        cx.error(lineNo, 1, "expected 'key=value' after host '" + tokens.get(0) + "', found '" + t + "'");
                        return;
                    }
                    vars.put(t.substring(0, eq), unquote(t.substring(eq + 1)));
                }
                String host = hostPort(tokens.get(0), vars, lineNo);
                if (host == null) {
                    return;
                }
                for (String h : expand(host)) {
                    model.addHost(group, h, vars);
                }
            }
        }
    }

    /**
     * {@code host:2222} is Ansible's way of giving the port; the name must be a host name (or a
     * range pattern), which also keeps a YAML line like {@code hosts:} from passing as a host.
     */
    private String hostPort(String token, Map<String, String> vars, int lineNo) {
        String host = token;
        int colon = token.lastIndexOf(':');
        if (colon > token.lastIndexOf(']')) {
            String port = token.substring(colon + 1);
            host = token.substring(0, colon);
            if (!port.matches("\\d{1,5}")) {
                cx.error(lineNo, colon + 2, "'" + token + "' is not a host: after ':' Ansible expects the SSH port,"
                        + " found '" + port + "'");
                return null;
            }
            vars.putIfAbsent("ansible_port", port);
        }
        if (!HOST.matcher(host).matches()) {
            cx.error(lineNo, 1, "'" + token + "' is not a host name: use letters, digits, '.', '_', '-' and ranges like"
                    + " web[01:03]");
            return null;
        }
        return host;
    }

    /** Splits on blanks, keeping quoted values ("a b", 'a b') together. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote == 0 && Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            cur.append(c);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** web[01:03] -> web01, web02, web03 (zero padding kept). */
    static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        int from = Integer.parseInt(m.group(1));
        int to = Integer.parseInt(m.group(2));
        int width = m.group(1).length();
        List<String> out = new ArrayList<>();
        for (int n = from; n <= to && out.size() < 10_000; n++) {
            String num = String.format("%0" + width + "d", n);
            for (String rest : expand(pattern.substring(m.end()))) {
                out.add(pattern.substring(0, m.start()) + num + rest);
            }
        }
        return out;
    }
}
