package dev.belay.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which real hosts play which role, in one environment (staging, production, lab...). Hosts carry
 * the defaults already applied. Maps keep the file's order, which is the order steps visit hosts.
 */
public record Inventory(
        String environment,
        Map<String, Host> hosts,
        Map<String, List<String>> roles,
        Map<String, String> vars) {

    public Inventory {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        LinkedHashMap<String, List<String>> r = new LinkedHashMap<>();
        roles.forEach((k, v) -> r.put(k, List.copyOf(v)));
        roles = Collections.unmodifiableMap(r);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /** The hosts of a role in inventory order; empty when the role is unknown. */
    public List<Host> hostsOf(String role) {
        return roles.getOrDefault(role, List.of()).stream().map(hosts::get).toList();
    }
}
