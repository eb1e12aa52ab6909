package dev.belay.lab.play;

import java.time.Instant;
import java.util.List;

/**
 * The Kolla containers the host, Ceph and OpenStack plays read (nova_*, keystone, haproxy, ...),
 * defined and started only where no other play family has defined them: the docker play family
 * owns the containers' lifecycle and images; this keeps the OpenStack plays meaningful on their own
 * and steps aside once that family seeds the same names.
 */
final class KollaPlaceholders {

    static final List<String> CONTROLLER = List.of("haproxy", "keepalived", "mariadb", "rabbitmq", "memcached",
            "keystone", "horizon", "glance_api", "nova_api", "nova_scheduler", "nova_conductor", "nova_consoleauth",
            "nova_novncproxy", "placement_api", "neutron_server", "neutron_dhcp_agent", "neutron_l3_agent",
            "neutron_metadata_agent", "neutron_openvswitch_agent");
    static final List<String> COMPUTE = List.of("nova_compute", "nova_libvirt", "neutron_openvswitch_agent");

    private KollaPlaceholders() {
    }

    static void seedIfAbsent(Cluster cluster) {
        Instant now = cluster.clock().now();
        for (String h : cluster.topology().hosts()) {
            if (cluster.topology().has(h, "controllers")) {
                CONTROLLER.forEach(c -> defineRunning(cluster, h, c, now));
            }
            if (cluster.topology().has(h, "computes")) {
                COMPUTE.forEach(c -> defineRunning(cluster, h, c, now));
            }
        }
    }

    private static void defineRunning(Cluster cluster, String h, String name, Instant now) {
        Services s = cluster.services();
        if (s.get(h, name).isPresent()) {
            return;
        }
        s.define(h, name, "kolla/centos-binary-" + name.replace('_', '-') + ":pike", "pike", now);
        try {
            s.start(h, name, List.of(), now);
        } catch (PlayFailure e) {
            // A listener refused: the container stays defined and stopped, as after a failed start.
        }
    }
}
