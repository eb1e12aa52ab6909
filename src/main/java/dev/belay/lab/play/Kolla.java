package dev.belay.lab.play;

import dev.belay.lab.LabTopology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a Kolla deployment runs where, and how its images are named. The lab starts on
 * {@link #STARTING_RELEASE}, the release the shipped runbooks upgrade from (Pike, to Queens).
 */
public final class Kolla {

    /** The release every container runs in the fresh lab. */
    public static final String STARTING_RELEASE = "pike";

    /** Releases whose images the lab's registry serves, in order. */
    public static final List<String> RELEASES = List.of(
            "newton", "ocata", "pike", "queens", "rocky", "stein", "train");

    public static final String IMAGE_PREFIX = "kolla/centos-binary-";

    /** Kolla's usual entry point, as {@code docker ps} shows it. */
    public static final String COMMAND = "dumb-init --single-child -- kolla_start";

    private static final List<String> CONTROL = List.of(
            "mariadb", "rabbitmq", "memcached", "keystone", "glance_api", "glance_registry",
            "nova_api", "nova_scheduler", "nova_conductor", "nova_consoleauth", "nova_novncproxy",
            "placement_api", "neutron_server", "cinder_api", "cinder_scheduler", "heat_api", "heat_engine",
            "horizon", "haproxy", "keepalived");
    private static final List<String> NETWORK = List.of(
            "neutron_openvswitch_agent", "neutron_l3_agent", "neutron_dhcp_agent", "neutron_metadata_agent",
            "openvswitch_db", "openvswitch_vswitchd");
    private static final List<String> COMPUTE = List.of(
            "nova_compute", "nova_libvirt", "nova_ssh", "neutron_openvswitch_agent",
            "openvswitch_db", "openvswitch_vswitchd");
    private static final List<String> EVERY_HOST = List.of("kolla_toolbox", "fluentd", "cron");

    private Kolla() {
    }

    /** The containers Kolla runs on {@code host} (Ceph's are the Ceph play's). */
    public static List<String> containersOn(LabTopology topology, String host) {
        Set<String> names = new LinkedHashSet<>();
        if (topology.has(host, "controllers")) {
            names.addAll(CONTROL);
        }
        if (topology.has(host, "network")) {
            names.addAll(NETWORK);
        }
        if (topology.has(host, "computes")) {
            names.addAll(COMPUTE);
        }
        names.addAll(EVERY_HOST);
        return new ArrayList<>(names);
    }

    /** The image repository of a container name: {@code nova_api} → {@code kolla/centos-binary-nova-api}. */
    public static String repository(String container) {
        String image = switch (container) {
            case "placement_api" -> "nova-placement-api";
            default -> container.replace('_', '-');
        };
        return IMAGE_PREFIX + image;
    }

    /**
     * The Kolla service an image runs: {@code kolla/centos-binary-nova-api:queens} → {@code nova-api}; for
     * an image that is not Kolla's, its last path part without tag.
     */
    public static String serviceOf(String image) {
        String repo = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        String last = repo.substring(repo.lastIndexOf('/') + 1);
        for (String prefix : List.of("centos-binary-", "centos-source-", "ubuntu-binary-", "ubuntu-source-")) {
            if (last.startsWith(prefix)) {
                return last.substring(prefix.length());
            }
        }
        return last;
    }

    /** Whether {@code tag} is an image tag the lab's registry serves: a release name or a version. */
    public static boolean servesTag(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        return RELEASES.contains(t) || t.matches("\\d+(\\.\\d+){0,3}(-\\w+)?") || t.equals("latest");
    }
}
