package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.runbook.VarReferences;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ${name}} substitution (grammar: {@link VarReferences}) in two passes: declared vars when the plan is made, then
 * {@code ${host.*}} and captured values per host when a command runs. {@code $name} and
 * {@code $(...)} without braces belong to the remote shell and are left alone.
 */
public final class VarSubstitution {

    private VarSubstitution() {
    }

    /**
     * Substitutes declared vars; leaves {@code ${host.*}} and names in {@code late} (captures) for
     * {@link #forHost}. {@code where} names the place for the error ("step 'drain'").
     */
    public static String planTime(String text, Map<String, String> vars, Set<String> late, String where) {
        VarReferences.find(text).stream().filter(r -> !r.wellFormed()).findFirst().ifPresent(r -> {
            throw new PlanException(where + ": bad variable reference '" + text.substring(r.start(), r.end())
                    + "': write ${name} or ${host.KEY}");
        });
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

    /** Substitutes the names found in {@code values}; other references stay as they are. */
    public static String withValues(String text, Map<String, String> values) {
        return replace(text, values::get);
    }

    /** Replaces each reference by {@code value.apply(name)}; a null result keeps the reference. */
    private static String replace(String text, Function<String, String> value) {
        return VarReferences.replace(text, ref -> value.apply(ref.name()));
    }
}
