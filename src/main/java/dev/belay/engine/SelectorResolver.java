package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Selector;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Turns a selector into hosts at the moment its step starts: roles in inventory order, slices,
 * host names, and {@code | max(var)} / {@code | min(var)} over captured values (ties: first host).
 */
public final class SelectorResolver {

    private SelectorResolver() {
    }

    /**
     * @param captures per host name, the values captured so far
     * @throws IllegalStateException naming the selector and what is missing
     */
    public static List<Host> resolve(Selector selector, Inventory inventory, Map<String, Map<String, String>> captures) {
        if (selector instanceof Selector.Named n) {
            if (inventory.roles().containsKey(n.name())) {
                return inventory.hostsOf(n.name());
            }
            Host h = inventory.hosts().get(n.name());
            if (h == null) {
                throw new IllegalStateException("on: " + n.name() + " is neither a role nor a host of the "
                        + inventory.environment() + " inventory");
            }
            return List.of(h);
        }
        if (selector instanceof Selector.Slice s) {
            return slice(s, inventory);
        }
        Selector.Extremum x = (Selector.Extremum) selector;
        return List.of(extremum(x, resolve(x.base(), inventory, captures), captures));
    }

    /** Checks what can be checked before any capture exists: roles and hosts named, slices in range. */
    public static void check(Selector selector, Inventory inventory) {
        if (selector instanceof Selector.Extremum x) {
            check(x.base(), inventory);
        } else {
            resolve(selector, inventory, Map.of());
        }
    }

    private static List<Host> slice(Selector.Slice s, Inventory inventory) {
        if (!inventory.roles().containsKey(s.role())) {
            throw new IllegalStateException("on: " + s.text() + ": the " + inventory.environment()
                    + " inventory has no role " + s.role());
        }
        List<Host> hosts = inventory.hostsOf(s.role());
        int end = s.single() ? s.start() + 1 : (s.end() == null ? hosts.size() : Math.min(s.end(), hosts.size()));
        if (s.start() >= hosts.size() || s.start() >= end) {
            throw new IllegalStateException("on: " + s.text() + " selects no host: role " + s.role() + " has "
                    + hosts.size() + " host(s)");
        }
        return hosts.subList(s.start(), end);
    }

    private static Host extremum(Selector.Extremum x, List<Host> base, Map<String, Map<String, String>> captures) {
        Host best = null;
        BigDecimal bestValue = null;
        for (Host h : base) {
            String raw = captures.getOrDefault(h.name(), Map.of()).get(x.var());
            if (raw == null) {
                continue;
            }
            BigDecimal v;
            try {
                v = new BigDecimal(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("on: " + x.text() + ": host " + h.name() + " captured " + x.var()
                        + " = '" + raw + "', which is not a number");
            }
            int cmp = bestValue == null ? 1 : v.compareTo(bestValue);
            if (x.max() ? cmp > 0 : cmp < 0 || bestValue == null) {
                best = h;
                bestValue = v;
            }
        }
        if (best == null) {
            throw new IllegalStateException("on: " + x.text() + ": no host of " + x.base().text()
                    + " has a captured " + x.var() + "; an earlier step must capture it");
        }
        return best;
    }
}
