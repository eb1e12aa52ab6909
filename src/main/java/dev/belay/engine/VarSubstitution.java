package dev.belay.engine;

import dev.belay.inventory.Host;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} substitution in two passes: declared vars when the plan is made, then
 * {@code ${host.*}} and captured values per host when a command runs. {@code $name} and
 * {@code $(...)} without braces belong to the remote shell and are left alone.
 */
public final class VarSubstitution {

    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}");

    private VarSubstitution() {
    }

    /** Every {@code ${name}} referenced in {@code text}. */
    public static Set<String> references(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = REF.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * Substitutes declared vars; leaves {@code ${host.*}} and names in {@code late} (captures) for
     * {@link #forHost}. {@code where} names the place for the error ("step 'drain'").
     */
    public static String planTime(String text, Map<String, String> vars, Set<String> late, String where) {
        return replace(text, name -> {
            if (vars.containsKey(name)) {
                return vars.get(name);
            }
            if (name.startsWith("host.") || late.contains(name)) {
                return null;
            }
            throw new PlanException(where + ": ${" + name + "} is not a declared var; declare it under vars: "
                    + "or fix the name");
        });
    }

    /**
     * Substitutes {@code ${host.name}}, {@code ${host.address}}, {@code ${host.KEY}} and captured values:
     * {@code captures} holds the host's own captures over the latest value captured on any host.
     */
    public static String forHost(String text, Host host, Map<String, String> captures, String where) {
        return replace(text, name -> {
            if (name.startsWith("host.")) {
                return hostValue(host, name.substring(5), where);
            }
            String v = captures.get(name);
            if (v == null) {
                throw new IllegalStateException(where + ": ${" + name + "} has no captured value yet (host "
                        + host.name() + "); an earlier step must capture it");
            }
            return v;
        });
    }

    private static String hostValue(Host host, String key, String where) {
        return switch (key) {
            case "name" -> host.name();
            case "address" -> host.address();
            case "user" -> host.user();
            case "port" -> Integer.toString(host.port());
            default -> {
                String v = host.vars().get(key);
                if (v == null) {
                    throw new IllegalStateException(where + ": ${host." + key + "} is not set for host " + host.name()
                            + "; add " + key + " to its vars in the inventory");
                }
                yield v;
            }
        };
    }

    /** Replaces each reference by {@code value.apply(name)}; a null result keeps the reference. */
    private static String replace(String text, Function<String, String> value) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = value.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
