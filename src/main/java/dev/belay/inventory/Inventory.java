package dev.belay.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which real hosts play which role, in one environment (staging, production, lab...). Hosts carry
 * the defaults already applied. Maps keep the file's order, which is the order steps visit hosts.
 * {@code knownHosts} is the known_hosts file the inventory names for its hosts' keys ({@code
 * defaults.known_hosts}, e.g. the practice lab's), null when it names none.
 */
public record Inventory(
        String environment,
        Map<String, Host> hosts,
        Map<String, List<String>> roles,
        Map<String, String> vars,
        String knownHosts) {

    public Inventory {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        LinkedHashMap<String, List<String>> r = new LinkedHashMap<>();
        roles.forEach((k, v) -> r.put(k, List.copyOf(v)));
        roles = Collections.unmodifiableMap(r);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /** An inventory that names no known_hosts file of its own. */
    public Inventory(String environment, Map<String, Host> hosts, Map<String, List<String>> roles,
                     Map<String, String> vars) {
        this(environment, hosts, roles, vars, null);
    }

    /** The known_hosts file this inventory names, with a leading {@code ~/} read as the user's home. */
    public java.util.Optional<java.nio.file.Path> knownHostsPath() {
        if (knownHosts == null || knownHosts.isBlank()) {
            return java.util.Optional.empty();
        }
        String p = knownHosts.startsWith("~/") ? System.getProperty("user.home") + knownHosts.substring(1) : knownHosts;
        return java.util.Optional.of(java.nio.file.Path.of(p).toAbsolutePath());
    }

    /** The hosts of a role in inventory order; empty when the role is unknown. */
    public List<Host> hostsOf(String role) {
        return roles.getOrDefault(role, List.of()).stream().map(hosts::get).toList();
    }
}
