package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The OpenStack control plane's own data, as its databases hold it: the Keystone catalog (services,
 * endpoints, users, role assignments), Nova's cells v2 mappings and schema, the servers, images and
 * volumes. The services' running state is not here: it is the containers' in {@link Services}. The
 * fresh cloud is Newton-era Nova: no Placement in the catalog and no cells, which is what the
 * {@code nova-cells-v2-placement} runbook starts from.
 */
public final class Cloud {

    public static final String CELL0_UUID = "00000000-0000-0000-0000-000000000000";

    record Service(String id, String name, String type, String description) {
    }

    record Endpoint(String id, String region, String serviceName, String serviceType, boolean enabled,
                    String iface, String url) {
    }

    record Cell(String name, String uuid) {
    }

    record Server(String id, String name, String host, String image, String flavor, String network, Instant created,
                  boolean error) {
    }

    record Simple(String id, String name, String status) {
    }

    private final Cluster cluster;
    private final List<Service> services = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Set<String> users = new LinkedHashSet<>();
    private final Set<String> assignments = new LinkedHashSet<>();
    private final List<Cell> cells = new ArrayList<>();
    private final Set<String> hostMappings = new LinkedHashSet<>();
    private final List<Server> servers = new ArrayList<>();
    /** Nova services disabled by {@code compute service set --disable}: "host/binary" → reason ("" for none). */
    private final Map<String, String> disabled = new java.util.LinkedHashMap<>();
    private final List<Simple> images = new ArrayList<>();
    private final List<Simple> volumes = new ArrayList<>();
    private boolean instancesMapped;
    private String apiDbRelease = "14";
    private String dbRelease = "14";
    private long ids;

    Cloud(Cluster cluster) {
        this.cluster = cluster;
    }

    synchronized void seed() {
        services.clear();
        endpoints.clear();
        users.clear();
        assignments.clear();
        cells.clear();
        hostMappings.clear();
        servers.clear();
        disabled.clear();
        properties.clear();
        networks.clear();
        subnets.clear();
        images.clear();
        volumes.clear();
        instancesMapped = false;
        apiDbRelease = "14";
        dbRelease = "14";
        ids = 0;
        addService("keystone", "identity", "OpenStack Identity");
        addService("nova", "compute", "OpenStack Compute");
        addService("neutron", "network", "OpenStack Networking");
        addService("glance", "image", "OpenStack Image");
        String vip = Network.VIP;
        addEndpoints("keystone", "http://" + vip + ":5000/v3", "http://" + vip + ":5000/v3", "http://" + vip + ":35357/v3");
        String nova = "http://" + vip + ":8774/v2.1/%(tenant_id)s";
        addEndpoints("nova", nova, nova, nova);
        String neutron = "http://" + vip + ":9696";
        addEndpoints("neutron", neutron, neutron, neutron);
        String glance = "http://" + vip + ":9292";
        addEndpoints("glance", glance, glance, glance);
        if (cluster.faults().has(FaultKind.CATALOG_INTERNAL_MISSING)) {
            dropInterface("internal");
        }
        users.addAll(List.of("admin", "nova", "neutron", "glance"));
        Instant now = cluster.clock().now().minus(Duration.ofDays(30));
        List<String> computes = cluster.topology().role("computes");
        images.add(new Simple(id(), "cirros", "active"));
        volumes.add(new Simple(id(), "data-1", "in-use"));
        if (!computes.isEmpty()) {
            servers.add(new Server(id(), "canary", computes.get(0), "cirros", "m1.tiny", "private=192.168.0.5, 10.0.0.105",
                    now, false));
            servers.add(new Server(id(), "web-1", computes.get(computes.size() - 1), "cirros", "m1.small",
                    "private=192.168.0.7", now, false));
        }
    }

    private String id() {
        ids++;
        return UUID.nameUUIDFromBytes(("lab-" + ids).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private String hexId() {
        return id().replace("-", "");
    }

    synchronized Service addService(String name, String type, String description) {
        Service s = new Service(hexId(), name, type, description);
        services.add(s);
        return s;
    }

    private void addEndpoints(String service, String pub, String internal, String admin) {
        addEndpoint("RegionOne", service, "public", pub);
        addEndpoint("RegionOne", service, "internal", internal);
        addEndpoint("RegionOne", service, "admin", admin);
    }

    synchronized Optional<Endpoint> addEndpoint(String region, String service, String iface, String url) {
        Optional<Service> s = service(service);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Endpoint e = new Endpoint(hexId(), region, s.get().name(), s.get().type(), true, iface, url);
        endpoints.add(e);
        return Optional.of(e);
    }

    /** Removes every endpoint of interface {@code iface} ({@code catalog-internal-missing}). */
    synchronized void dropInterface(String iface) {
        endpoints.removeIf(e -> e.iface().equals(iface));
    }

    /**
     * What Kolla-Ansible's nova role does from Ocata on (its bootstrap and ks-register tasks): the
     * placement service and its three endpoints in the catalog, cell0 mapped and cell1 created
     * when missing, both Nova databases at {@code novaMajor} (e.g. "17" for Queens).
     */
    synchronized void kollaNovaBootstrap(String novaMajor) {
        if (service("placement").isEmpty()) {
            addService("placement", "placement", "Placement API");
            String url = "http://" + Network.VIP + ":8780";
            addEndpoints("placement", url, url, url);
        }
        if (cell("cell0").isEmpty()) {
            addCell("cell0", CELL0_UUID);
        }
        if (cell("cell1").isEmpty()) {
            addCell("cell1", UUID.nameUUIDFromBytes("lab-cell1".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        }
        apiDbRelease = novaMajor;
        dbRelease = novaMajor;
    }

    synchronized Optional<Service> service(String nameOrType) {
        return services.stream().filter(s -> s.name().equals(nameOrType) || s.type().equals(nameOrType)
                || s.id().equals(nameOrType)).findFirst();
    }

    synchronized List<Service> services() {
        return List.copyOf(services);
    }

    synchronized List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    synchronized boolean hasUser(String name) {
        return users.contains(name);
    }

    synchronized boolean addUser(String name) {
        return users.add(name);
    }

    synchronized void assign(String role, String user, String project) {
        assignments.add(role + " " + user + " " + project);
    }

    synchronized List<String[]> assignments(String user, String project) {
        List<String[]> out = new ArrayList<>();
        for (String a : assignments) {
            String[] p = a.split(" ");
            if ((user == null || p[1].equals(user)) && (project == null || p[2].equals(project))) {
                out.add(p);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ cells v2

    synchronized List<Cell> cells() {
        return cells.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    synchronized Optional<Cell> cell(String name) {
        return cells.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    synchronized Cell addCell(String name, String uuid) {
        Cell c = new Cell(name, uuid == null ? id() : uuid);
        cells.add(c);
        return c;
    }

    synchronized Set<String> hostMappings() {
        return new LinkedHashSet<>(hostMappings);
    }

    synchronized boolean mapHost(String host) {
        return hostMappings.add(host);
    }

    synchronized void instancesMapped() {
        instancesMapped = true;
    }

    synchronized boolean areInstancesMapped() {
        return instancesMapped;
    }

    synchronized void apiDbSynced(String release) {
        apiDbRelease = release;
    }

    synchronized void dbSynced(String release) {
        dbRelease = release;
    }

    synchronized String apiDbRelease() {
        return apiDbRelease;
    }

    synchronized String dbRelease() {
        return dbRelease;
    }

    // ------------------------------------------------------------------ servers, images, volumes

    synchronized void disableService(String host, String binary, String reason) {
        disabled.put(host + "/" + binary, reason == null ? "" : reason);
    }

    synchronized void enableService(String host, String binary) {
        disabled.remove(host + "/" + binary);
    }

    /** The disable reason of a disabled Nova service ("" when none was given); empty while it is enabled. */
    synchronized Optional<String> disabledReason(String host, String binary) {
        return Optional.ofNullable(disabled.get(host + "/" + binary));
    }

    /**
     * Whether an instance with floating IP {@code address} answers a ping: it exists, is not in
     * ERROR, and its compute is up with {@code nova_compute} running.
     */
    synchronized boolean floatingIpAnswers(String address) {
        return servers.stream().anyMatch(s -> !s.error()
                && java.util.Arrays.stream(s.network().split("[=,]")).map(String::trim).anyMatch(address::equals)
                && cluster.power().isUp(s.host()) && cluster.services().isRunning(s.host(), "nova_compute"));
    }

    synchronized List<Server> servers() {
        return List.copyOf(servers);
    }

    synchronized Server addServer(String name, String host, String image, String flavor, String network, Duration built) {
        int n = servers.size() + 10;
        Server s = new Server(id(), name, host, image, flavor, host == null ? "" : network + "=192.168.0." + n,
                cluster.clock().now().minus(built), host == null);
        servers.add(s);
        return s;
    }

    synchronized boolean removeServer(Server s) {
        return servers.remove(s);
    }

    /** Server id → its properties ({@code server set --property}), as OSC prints them: {@code k='v', k2='v2'}. */
    private final Map<String, Map<String, String>> properties = new LinkedHashMap<>();
    private final List<Simple> networks = new ArrayList<>();
    private final List<Simple> subnets = new ArrayList<>();

    synchronized void setProperty(Server s, String key, String value) {
        properties.computeIfAbsent(s.id(), k -> new LinkedHashMap<>()).put(key, value);
    }

    synchronized String properties(Server s) {
        Map<String, String> p = properties.getOrDefault(s.id(), Map.of());
        return String.join(", ", p.entrySet().stream().map(e -> e.getKey() + "='" + e.getValue() + "'").toList());
    }

    synchronized Simple addNetwork(String name, boolean subnet) {
        Simple n = new Simple(id(), name, "ACTIVE");
        (subnet ? subnets : networks).add(n);
        return n;
    }

    synchronized Optional<Simple> network(String nameOrId) {
        return networks.stream().filter(n -> n.name().equals(nameOrId) || n.id().equals(nameOrId)).findFirst();
    }

    synchronized boolean removeNetwork(String nameOrId, boolean subnet) {
        return (subnet ? subnets : networks).removeIf(n -> n.name().equals(nameOrId) || n.id().equals(nameOrId));
    }

    synchronized Simple addVolume(String name) {
        Simple v = new Simple(id(), name, "available");
        volumes.add(v);
        return v;
    }

    synchronized Optional<Simple> volume(String nameOrId) {
        return volumes.stream().filter(v -> v.name().equals(nameOrId) || v.id().equals(nameOrId)).findFirst();
    }

    synchronized void setVolumeStatus(Simple v, String status) {
        int i = volumes.indexOf(v);
        if (i >= 0) {
            volumes.set(i, new Simple(v.id(), v.name(), status));
        }
    }

    synchronized void removeVolume(Simple v) {
        volumes.remove(v);
    }

    synchronized List<Simple> images() {
        return List.copyOf(images);
    }

    synchronized List<Simple> volumes() {
        return List.copyOf(volumes);
    }

    /** The admin credentials files the runbooks source ({@code . /etc/kolla/admin-openrc.sh}). */
    Map<String, String> files(String host) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> pkgs = cluster.hostOs().packages(host);
        if (pkgs.containsKey("openstack-nova-common")) {
            // What the RDO package installs; the cells runbook adds its [placement] section with crudini.
            files.put("/etc/nova/nova.conf", "[DEFAULT]\ntransport_url = rabbit://openstack:lab@" + Network.VIP
                    + ":5672/\nmy_ip = " + cluster.network().address(host) + "\n\n[api_database]\nconnection = "
                    + "mysql+pymysql://nova:lab@" + Network.VIP + "/nova_api\n\n[database]\nconnection = "
                    + "mysql+pymysql://nova:lab@" + Network.VIP + "/nova\n");
        }
        if (pkgs.containsKey("openstack-nova-placement-api")) {
            // Ocata's RDO vhost as shipped: without a <Directory /usr/bin> block, which the runbook adds.
            files.put("/etc/httpd/conf.d/00-nova-placement-api.conf", "Listen 8778\n\n<VirtualHost *:8778>\n"
                    + "  WSGIProcessGroup nova-placement-api\n  WSGIApplicationGroup %{GLOBAL}\n"
                    + "  WSGIPassAuthorization On\n  WSGIDaemonProcess nova-placement-api processes=3 threads=1 user=nova group=nova\n"
                    + "  WSGIScriptAlias / /usr/bin/nova-placement-api\n  ErrorLog /var/log/nova/nova-placement-api.log\n"
                    + "</VirtualHost>\n\nAlias /nova-placement-api /usr/bin/nova-placement-api\n");
        }
        if (!cluster.topology().has(host, "controllers")) {
            return files;
        }
        String rc = "export OS_PROJECT_DOMAIN_NAME=Default\nexport OS_USER_DOMAIN_NAME=Default\n"
                + "export OS_PROJECT_NAME=admin\nexport OS_TENANT_NAME=admin\nexport OS_USERNAME=admin\n"
                + "export OS_PASSWORD=lab-admin-password\nexport OS_AUTH_URL=http://" + Network.VIP + ":35357/v3\n"
                + "export OS_INTERFACE=internal\nexport OS_IDENTITY_API_VERSION=3\nexport OS_REGION_NAME=RegionOne\n";
        files.put("/etc/kolla/admin-openrc.sh", rc);
        files.put("/root/keystonerc_admin", rc);
        return files;
    }
}
