package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who listens where in the lab: each host's internal address ({@code 10.0.0.11} for the first),
 * the TCP ports of its running services and daemons, and the control plane's virtual IP, held by
 * the first controller whose {@code haproxy} runs (keepalived's master), with HAProxy's frontends
 * and their backend servers. {@code ss}, {@code curl} and the HAProxy stats socket read this.
 */
public final class Network {

    /** The control plane's virtual IP. Any address that is not a lab host's reaches it. */
    public static final String VIP = "10.0.0.250";

    /** A listening TCP socket: address, port and the process that holds it. */
    public record Listener(String address, int port, String process) {
    }

    /** An HAProxy frontend/backend pair: its name, port, the container that serves it, and whether it checks servers. */
    public record Proxy(String name, int port, String container, boolean http) {
    }

    static final List<Proxy> PROXIES = List.of(
            new Proxy("keystone_internal", 5000, "keystone", true),
            new Proxy("keystone_admin", 35357, "keystone", true),
            new Proxy("nova_api", 8774, "nova_api", true),
            new Proxy("nova_metadata", 8775, "nova_api", true),
            new Proxy("nova_novncproxy", 6080, "nova_novncproxy", true),
            new Proxy("placement_api", 8778, "placement_api", true),
            new Proxy("glance_api", 9292, "glance_api", true),
            new Proxy("neutron_server", 9696, "neutron_server", true),
            new Proxy("horizon", 80, "horizon", true),
            new Proxy("rabbitmq_management", 15672, "rabbitmq", true),
            new Proxy("mariadb", 3306, "mariadb", false));

    /** Ports of each container, beside its HAProxy frontend. */
    private static final Object[][] CONTAINER_PORTS = {
            {"keystone", new int[]{5000, 35357}},
            {"nova_api", new int[]{8774, 8775}},
            {"nova_novncproxy", new int[]{6080}},
            {"placement_api", new int[]{8778}},
            {"glance_api", new int[]{9292}},
            {"neutron_server", new int[]{9696}},
            {"horizon", new int[]{80}},
            {"rabbitmq", new int[]{5672, 15672, 25672, 4369}},
            {"mariadb", new int[]{3306, 4567}},
            {"memcached", new int[]{11211}},
            {"nova_libvirt", new int[]{16509}},
            {"ceph_mon", new int[]{6789}},
    };

    private final Cluster cluster;
    /** "haproxyHost proxy/server" for every server an operator put in maintenance on that HAProxy's admin socket. */
    private final java.util.Set<String> maintenance = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Network(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * {@code disable server P/S} (true) or {@code enable server P/S} (false) on the HAProxy of
     * {@code haproxyHost}: each HAProxy keeps its own admin state, as the real ones do.
     */
    public boolean setMaintenance(String haproxyHost, String proxy, String server, boolean disabled) {
        boolean known = PROXIES.stream().anyMatch(p -> p.name().equals(proxy))
                && cluster.topology().role("controllers").contains(server);
        if (known) {
            String key = haproxyHost + " " + proxy + "/" + server;
            if (disabled) {
                maintenance.add(key);
            } else {
                maintenance.remove(key);
            }
        }
        return known;
    }

    /** Whether the HAProxy of {@code haproxyHost} has {@code proxy/server} in maintenance (MAINT). */
    public boolean inMaintenance(String haproxyHost, String proxy, String server) {
        return maintenance.contains(haproxyHost + " " + proxy + "/" + server);
    }

    /** {@code 10.0.0.11} for the first lab host, {@code 10.0.0.12} for the second, ... */
    public String address(String host) {
        return "10.0.0." + (11 + cluster.topology().hosts().indexOf(host));
    }

    /** The lab host {@code name} names from {@code from}: itself for loopback, a host by name or address. */
    public Optional<String> resolve(String from, String name) {
        if (name.equals("localhost") || name.startsWith("127.") || name.equals("::1") || name.equals("[::1]")
                || name.equals(from) || name.equals("0.0.0.0")) {
            return Optional.of(from);
        }
        for (String h : cluster.topology().hosts()) {
            if (h.equals(name) || address(h).equals(name)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** The controller holding the VIP: the first whose haproxy runs. */
    public Optional<String> vipHolder() {
        for (String h : cluster.topology().role("controllers")) {
            if (cluster.power().isUp(h) && cluster.services().isRunning(h, "haproxy")) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code container} runs on {@code host} and the host is up. */
    public boolean serving(String host, String container) {
        return cluster.power().isUp(host) && cluster.services().isRunning(host, container);
    }

    /** Every listening TCP socket of {@code host} now. */
    public List<Listener> listeners(String host) {
        List<Listener> out = new ArrayList<>();
        if (!cluster.power().isUp(host)) {
            return out;
        }
        HostOs os = cluster.hostOs();
        os.unit(host, "sshd").filter(u -> os.activeState(host, u).equals("active"))
                .ifPresent(u -> out.add(new Listener("0.0.0.0", 22, "sshd")));
        os.unit(host, "xinetd").filter(u -> os.activeState(host, u).equals("active"))
                .ifPresent(u -> out.add(new Listener("0.0.0.0", 9200, "xinetd")));
        String addr = address(host);
        for (Object[] cp : CONTAINER_PORTS) {
            String c = (String) cp[0];
            if (cluster.services().isRunning(host, c)) {
                for (int p : (int[]) cp[1]) {
                    out.add(new Listener(p == 4369 || p == 25672 ? "0.0.0.0" : addr, p, processOf(c)));
                }
            }
        }
        for (Services.Unit u : cluster.services().on(host)) {
            if (u.running() && u.name().startsWith("ceph_osd_")) {
                int id = Integer.parseInt(u.name().substring("ceph_osd_".length()));
                out.add(new Listener(addr, 6800 + 2 * id, "ceph-osd"));
                out.add(new Listener(addr, 6801 + 2 * id, "ceph-osd"));
            }
        }
        if (vipHolder().filter(host::equals).isPresent()) {
            for (Proxy p : PROXIES) {
                out.add(new Listener(VIP, p.port(), "haproxy"));
            }
        }
        out.sort((a, b) -> a.port() != b.port() ? Integer.compare(a.port(), b.port()) : a.address().compareTo(b.address()));
        return out;
    }

    private static String processOf(String container) {
        return switch (container) {
            case "keystone", "horizon", "placement_api" -> "httpd";
            case "nova_api" -> "nova-api";
            case "nova_novncproxy" -> "nova-novncproxy";
            case "glance_api" -> "glance-api";
            case "neutron_server" -> "neutron-server";
            case "rabbitmq" -> "beam.smp";
            case "mariadb" -> "mysqld";
            case "nova_libvirt" -> "libvirtd";
            case "ceph_mon" -> "ceph-mon";
            default -> container;
        };
    }

    /** The container behind {@code port} on a host, or null. */
    static String containerOn(int port) {
        for (Object[] cp : CONTAINER_PORTS) {
            for (int p : (int[]) cp[1]) {
                if (p == port) {
                    return (String) cp[0];
                }
            }
        }
        return null;
    }

    static Optional<Proxy> proxy(int port) {
        return PROXIES.stream().filter(p -> p.port() == port).findFirst();
    }
}
