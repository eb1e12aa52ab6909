package dev.belay.lab.play;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's {@code text/template} that docker's {@code --format} strings use:
 * {@code {{.Field.Sub}}}, {@code {{json .Field}}}, {@code {{.}}}, {@code {{index .Labels "k"}}},
 * {@code {{upper .X}}}/{@code {{lower .X}}}, with docker's own {@code \t}/{@code \n} escapes. Data is
 * a tree of maps, lists, strings, numbers and booleans. Values print as Go prints them
 * ({@code map[k:v]}, {@code [a b]}, {@code true}); JSON as Go's {@code encoding/json} writes it.
 */
final class GoTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");

    private GoTemplate() {
    }

    /** Thrown for an action this template engine (or Go's) cannot evaluate. */
    static final class TemplateError extends Exception {
        TemplateError(String message) {
            super(message);
        }
    }

    /** Docker's own escapes in a format string: a literal backslash-t is a tab, backslash-n a newline. */
    static String unescape(String format) {
        return format.replace("\\t", "\t").replace("\\n", "\n");
    }

    static String render(String template, Object data) throws TemplateError {
        StringBuilder out = new StringBuilder();
        Matcher m = ACTION.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            out.append(evaluate(m.group(1), data));
            last = m.end();
        }
        out.append(template.substring(last));
        return out.toString();
    }

    private static String evaluate(String action, Object data) throws TemplateError {
        List<String> words = List.of(action.trim().split("\\s+"));
        String fn = words.get(0);
        switch (fn) {
            case "json" -> {
                return json(value(arg(words, 1, action), data), false);
            }
            case "upper" -> {
                return print(value(arg(words, 1, action), data)).toUpperCase();
            }
            case "lower" -> {
                return print(value(arg(words, 1, action), data)).toLowerCase();
            }
            case "index" -> {
                Object container = value(arg(words, 1, action), data);
                String key = arg(words, 2, action).replaceAll("^\"|\"$", "");
                if (container instanceof Map<?, ?> map) {
                    Object v = map.get(key);
                    return v == null ? "<no value>" : print(v);
                }
                throw new TemplateError("template: :1: error calling index: cannot index " + print(container));
            }
            default -> {
                if (!fn.startsWith(".")) {
                    throw new TemplateError("Template parsing error: template: :1: function \"" + fn + "\" not defined");
                }
                return print(value(fn, data));
            }
        }
    }

    private static String arg(List<String> words, int i, String action) throws TemplateError {
        if (words.size() <= i) {
            throw new TemplateError("Template parsing error: template: :1: wrong number of args in {{" + action + "}}");
        }
        return words.get(i);
    }

    private static Object value(String path, Object data) throws TemplateError {
        if (path.equals(".")) {
            return data;
        }
        Object cur = data;
        for (String field : path.substring(1).split("\\.")) {
            if (cur instanceof Map<?, ?> map) {
                if (!map.containsKey(field)) {
                    throw new TemplateError("Template parsing error: template: :1:2: executing \"\" at <" + path
                            + ">: can't evaluate field " + field);
                }
                cur = map.get(field);
            } else {
                throw new TemplateError("Template parsing error: template: :1:2: executing \"\" at <" + path
                        + ">: can't evaluate field " + field);
            }
        }
        return cur;
    }

    /** A value as Go's {@code fmt} prints it in a template. */
    static String print(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':').append(print(e.getValue()));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(print(list.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** JSON as Go's encoding/json writes it: compact, or indented by four spaces (MarshalIndent). */
    static String json(Object v, boolean indent) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, v, indent, "");
        return sb.toString();
    }

    private static void writeJson(StringBuilder sb, Object v, boolean indent, String pad) {
        String inner = pad + "    ";
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ",");
                if (indent) {
                    sb.append('\n').append(inner);
                }
                quote(sb, String.valueOf(e.getKey()));
                sb.append(indent ? ": " : ":");
                writeJson(sb, e.getValue(), indent, inner);
                first = false;
            }
            if (indent) {
                sb.append('\n').append(pad);
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                if (indent) {
                    sb.append('\n').append(inner);
                }
                writeJson(sb, list.get(i), indent, inner);
            }
            if (indent) {
                sb.append('\n').append(pad);
            }
            sb.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            quote(sb, v.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                // Go escapes these for safe embedding in HTML, docker inherits it.
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
