package dev.belay.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces every known secret value with {@value #MASK}. Longest first, so a secret that contains
 * another is never half-revealed. Thread-safe; secrets can be added while a run is live.
 */
public final class SecretMasker {

    public static final String MASK = "******";

    private final CopyOnWriteArrayList<String> secrets = new CopyOnWriteArrayList<>();

    /** A masker for these values, e.g. a plan's secret vars. */
    public static SecretMasker of(Collection<String> values) {
        SecretMasker m = new SecretMasker();
        m.addAll(values);
        return m;
    }

    /** Adds values to mask; blank values are ignored (masking "" would mask everything). */
    public synchronized void addAll(Collection<String> values) {
        for (String v : values) {
            if (v != null && !v.isBlank() && !secrets.contains(v)) {
                secrets.add(v);
            }
        }
        List<String> sorted = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        secrets.clear();
        secrets.addAll(sorted);
    }

    public void add(String value) {
        addAll(List.of(value == null ? "" : value));
    }

    /** The longest secret's length: a stream must hold back this much minus one to mask across chunks. */
    public int longest() {
        List<String> s = secrets;
        return s.isEmpty() ? 0 : s.get(0).length();
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** A masked deep copy; field names are masked too, since a secret may end up as a key. */
    public JsonNode mask(JsonNode node) {
        if (node == null || secrets.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(mask(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(mask(e.getKey()), mask(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(child -> copy.add(mask(child)));
            return copy;
        }
        return node;
    }

    /**
     * True when {@code text} ends with the start of a secret, so the text that follows may complete it:
     * a stream must not store such a piece on its own.
     */
    boolean mayContinue(String text) {
        for (String s : secrets) {
            for (int k = Math.min(s.length() - 1, text.length()); k > 0; k--) {
                if (text.regionMatches(text.length() - k, s, 0, k)) {
                    return true;
                }
            }
        }
        return false;
    }
}
