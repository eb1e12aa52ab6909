package dev.belay.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lab host plays which part, named as the shipped runbooks name their roles. A lab of up to
 * three hosts is hyper-converged (every host is a controller, a compute, a storage, network and Ceph
 * host: the shape of a small Kolla deployment); a bigger lab keeps three controllers (Galera,
 * RabbitMQ and the Ceph monitors want an odd quorum) and makes the rest computes and OSD hosts.
 * The first host is also the Kolla deploy host ({@code deployment}).
 * The inventory writer and the plays both read this, so they can never disagree.
 */
public record LabTopology(List<String> hosts, Map<String, List<String>> roles) {

    public static final List<String> ROLE_NAMES = List.of(
            "controllers", "computes", "storage", "network", "ceph_mons", "ceph_osds", "deployment");

    public LabTopology {
        hosts = List.copyOf(hosts);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        roles.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        roles = java.util.Collections.unmodifiableMap(copy);
    }

    public static LabTopology of(List<String> hosts) {
        List<String> control = hosts.size() <= 3 ? hosts : hosts.subList(0, 3);
        List<String> rest = hosts.size() <= 3 ? hosts : hosts.subList(3, hosts.size());
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put("controllers", control);
        roles.put("computes", rest);
        roles.put("storage", rest);
        roles.put("network", control);
        roles.put("ceph_mons", control);
        roles.put("ceph_osds", rest);
        // The Kolla deploy host, where the runbooks' `deployer` role runs kolla-ansible: the first
        // controller, as in a small deployment that has no separate deploy node.
        roles.put("deployment", hosts.subList(0, 1));
        return new LabTopology(hosts, roles);
    }

    public List<String> role(String name) {
        return roles.getOrDefault(name, List.of());
    }

    public boolean has(String host, String role) {
        return role(role).contains(host);
    }
}
