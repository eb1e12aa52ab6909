package dev.belay.lab.play;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultKind;
import dev.belay.lab.play.Cloud.Endpoint;
import dev.belay.lab.play.Cloud.Server;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * python-openstackclient 3.x over the lab's {@link Cloud}: table output as cliff draws it, and
 * {@code -f value|json -c COLUMN}. Credentials ({@code --os-*}, the sourced openrc) are accepted and
 * not checked; every call needs Keystone through the VIP, and the service it talks to.
 */
final class OpenStackPlay implements Play {

    static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000000'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final Duration BUILD_TIME = Duration.ofSeconds(10);

    private static final List<String> COMMANDS = List.of(
            "token issue", "compute service list", "compute service set", "network agent list",
            "endpoint list", "endpoint create", "service show", "service create", "service list", "user show",
            "user create", "user list", "role add", "role assignment list", "server list", "server create",
            "server delete", "server show", "server set", "server add volume", "server remove volume", "image list",
            "volume list", "volume create", "volume show", "volume delete", "network create", "network delete",
            "subnet create", "subnet delete");
    private static final Set<String> FLAGS = Set.of("--all-projects", "--names", "--wait", "--long", "--enable",
            "--disable", "--or-show", "--effective", "--inherited");

    @Override
    public Set<String> commands() {
        return Set.of("openstack");
    }

    @Override
    public void attach(Cluster cluster) {
        // At start the fresh catalog leaves them out (Cloud.seed); injected live, they go at once.
        cluster.faults().onInject(f -> {
            if (f.kind() == FaultKind.CATALOG_INTERNAL_MISSING) {
                cluster.cloud().dropInterface("internal");
            }
        });
    }

    /** A parsed command line: the command, its options and positionals, the output format and columns. */
    record Cmd(String name, Map<String, String> opts, List<String> pos, String format, List<String> columns) {
        String opt(String k) {
            return opts.get(k);
        }
    }

    /** A result: columns and rows, shown as a list or as one object (Field/Value). */
    record Out(List<String> columns, List<List<String>> rows, boolean one) {
    }

    @Override
    public PlayResult run(Call call) {
        List<String> a = call.args();
        String format = "table";
        List<String> columns = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            if (x.equals("-f") || x.equals("--format")) {
                format = a.get(++i);
            } else if (x.equals("-c") || x.equals("--column")) {
                columns.add(a.get(++i));
            } else if (x.startsWith("--os-") || x.equals("--max-width") || x.equals("--sort-column")) {
                if (!x.contains("=")) {
                    i++;
                }
            } else if (x.equals("--insecure") || x.equals("--noindent") || x.equals("--quote") || x.equals("-v")
                    || x.equals("--debug") || x.equals("--fit-width") || x.equals("--print-empty")) {
                // accepted, no effect
            } else {
                rest.add(x);
            }
        }
        String joined = String.join(" ", rest);
        String name = COMMANDS.stream().filter(c -> joined.equals(c) || joined.startsWith(c + " ")).findFirst().orElse(null);
        if (name == null) {
            return PlayResult.fail(2, "openstack: '" + joined + "' is not an openstack command. See 'openstack --help'.\n");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> pos = new ArrayList<>();
        List<String> tail = rest.subList(name.split(" ").length, rest.size());
        for (int i = 0; i < tail.size(); i++) {
            String x = tail.get(i);
            if (x.startsWith("--")) {
                int eq = x.indexOf('=');
                if (eq > 0) {
                    opts.put(x.substring(0, eq), x.substring(eq + 1));
                } else if (FLAGS.contains(x) || i + 1 >= tail.size()) {
                    opts.put(x, "");
                } else {
                    opts.put(x, tail.get(++i));
                }
            } else {
                pos.add(x);
            }
        }
        Cmd cmd = new Cmd(name, opts, pos, format, columns);
        try {
            reach(call, "keystone");
            Out out = switch (name) {
                case "token issue" -> tokenIssue(call);
                case "compute service list" -> computeServices(call, cmd);
                case "compute service set" -> computeServiceSet(call, cmd);
                case "network agent list" -> agents(call);
                case "endpoint list" -> endpointList(call, cmd);
                case "endpoint create" -> endpointCreate(call, cmd);
                case "service show", "service create", "service list" -> service(call, cmd);
                case "user show", "user create", "user list" -> user(call, cmd);
                case "role add" -> roleAdd(call, cmd);
                case "role assignment list" -> roleAssignments(call, cmd);
                case "image list" -> simple(call.cluster().cloud().images(), "glance_api", call);
                case "volume list" -> simple(call.cluster().cloud().volumes(), null, call);
                case "volume create", "volume show", "volume delete", "network create", "network delete", "subnet create",
                        "subnet delete", "server add volume", "server remove volume", "server set" -> canary(call, cmd);
                default -> servers(call, cmd);
            };
            return PlayResult.ok(render(out, cmd));
        } catch (PlayFailure f) {
            return f.result();
        }
    }

    // ------------------------------------------------------------------ reaching the APIs

    /** A Nova service is up while its container runs and reports in ({@code service-not-reporting@H:NAME}). */
    private static boolean reporting(Call call, String host, String container) {
        return call.cluster().network().serving(host, container)
                && !call.cluster().faults().all().contains(new Fault(FaultKind.SERVICE_NOT_REPORTING, host, container));
    }

    static void reach(Call call, String container) throws PlayFailure {
        Network net = call.cluster().network();
        String auth = "http://" + Network.VIP + ":35357/v3";
        // Read once: the holder can change between two reads while hosts reboot.
        Optional<String> vip = net.vipHolder();
        if (vip.isEmpty()) {
            throw new PlayFailure(1, "Failed to discover available identity versions when contacting " + auth
                    + ". Attempting to parse version from URL.\nUnable to establish connection to " + auth
                    + "/auth/tokens: ('Connection aborted.', error(113, 'No route to host'))");
        }
        boolean served = call.cluster().topology().role("controllers").stream().anyMatch(h -> net.serving(h, container))
                && !call.cluster().faults().has(FaultKind.HAPROXY_NO_BACKENDS, vip.get());
        if (!served) {
            throw new PlayFailure(1, container.equals("keystone")
                    ? "Failed to discover available identity versions when contacting " + auth
                    + ". Attempting to parse version from URL.\nService Unavailable (HTTP 503)"
                    : "Service Unavailable (HTTP 503)");
        }
    }

    // ------------------------------------------------------------------ rendering

    private static String render(Out out, Cmd cmd) throws PlayFailure {
        List<String> cols = out.columns();
        List<Integer> pick = new ArrayList<>();
        if (cmd.columns().isEmpty()) {
            for (int i = 0; i < cols.size(); i++) {
                pick.add(i);
            }
        } else {
            for (String c : cmd.columns()) {
                int i = cols.indexOf(c);
                if (i < 0) {
                    throw new PlayFailure(1, "No recognized column names in ['" + c + "']. Recognized columns are "
                            + cols.stream().map(x -> "'" + x + "'").toList().toString().replace("[", "(").replace("]", ")") + ".");
                }
                pick.add(i);
            }
        }
        List<String> header = pick.stream().map(cols::get).toList();
        List<List<String>> rows = out.rows().stream().map(r -> pick.stream().map(r::get).toList()).toList();
        if (out.one()) {
            List<String> values = rows.isEmpty() ? List.of() : rows.get(0);
            return switch (cmd.format()) {
                case "value" -> String.join("\n", values) + (values.isEmpty() ? "" : "\n");
                case "json" -> json(List.of(zip(header, values)), true);
                default -> {
                    List<List<String>> fv = new ArrayList<>();
                    for (int i = 0; i < header.size(); i++) {
                        fv.add(List.of(header.get(i), values.get(i)));
                    }
                    yield Tables.box(List.of("Field", "Value"), fv, Tables.Align.LEFT);
                }
            };
        }
        return switch (cmd.format()) {
            case "value" -> Tables.values(rows);
            case "json" -> json(rows.stream().map(r -> zip(header, r)).toList(), false);
            case "csv" -> {
                StringBuilder b = new StringBuilder(String.join(",", header.stream().map(h -> "\"" + h + "\"").toList())).append('\n');
                rows.forEach(r -> b.append(String.join(",", r.stream().map(v -> "\"" + v + "\"").toList())).append('\n'));
                yield b.toString();
            }
            default -> rows.isEmpty() ? "" : Tables.box(header, rows, Tables.Align.LEFT);
        };
    }

    private static Map<String, String> zip(List<String> h, List<String> v) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < h.size(); i++) {
            m.put(h.get(i), v.get(i));
        }
        return m;
    }

    private static String json(List<Map<String, String>> objs, boolean one) {
        StringBuilder b = new StringBuilder(one ? "" : "[\n");
        String ind = one ? "  " : "    ";
        for (int k = 0; k < objs.size(); k++) {
            b.append(one ? "{\n" : "  {\n");
            List<Map.Entry<String, String>> es = new ArrayList<>(objs.get(k).entrySet());
            for (int i = 0; i < es.size(); i++) {
                b.append(ind).append('"').append(es.get(i).getKey()).append("\": \"")
                        .append(es.get(i).getValue().replace("\"", "\\\"")).append('"').append(i < es.size() - 1 ? ",\n" : "\n");
            }
            b.append(one ? "}" : "  }").append(k < objs.size() - 1 ? ",\n" : "\n");
        }
        return b.append(one ? "" : "]\n").toString();
    }

    // ------------------------------------------------------------------ commands

    private Out tokenIssue(Call call) {
        Instant exp = call.cluster().clock().now().plus(Duration.ofHours(1));
        String expires = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT).withZone(ZoneOffset.UTC).format(exp);
        return new Out(List.of("expires", "id", "project_id", "user_id"),
                List.of(List.of(expires, "gAAAAABlabtoken" + Long.toHexString(exp.getEpochSecond()),
                        "9f3c1b7ea3e44ac8a3d5f0b6c2e8d111", "5e1d7c0b8f2a4c3e9d6b0a1f2e3c4d5a")), true);
    }

    private Out computeServices(Call call, Cmd cmd) throws PlayFailure {
        reach(call, "nova_api");
        Network net = call.cluster().network();
        List<List<String>> rows = new ArrayList<>();
        int id = 1;
        Instant now = call.cluster().clock().now();
        String[][] control = {{"nova-consoleauth", "nova_consoleauth"}, {"nova-scheduler", "nova_scheduler"},
                {"nova-conductor", "nova_conductor"}};
        for (String[] b : control) {
            for (String h : call.cluster().topology().role("controllers")) {
                rows.add(serviceRow(id++, b[0], h, "internal", reporting(call, h, b[1]), now));
            }
        }
        for (String h : call.cluster().topology().role("computes")) {
            rows.add(serviceRow(id++, "nova-compute", h, "nova", reporting(call, h, "nova_compute"), now));
        }
        String svc = cmd.opt("--service");
        String host = cmd.opt("--host");
        rows.removeIf(r -> (svc != null && !r.get(1).equals(svc)) || (host != null && !r.get(2).equals(host)));
        Cloud cloud = call.cluster().cloud();
        boolean long_ = cmd.opts().containsKey("--long");
        List<List<String>> shown = new ArrayList<>();
        for (List<String> r : rows) {
            List<String> row = new ArrayList<>(r);
            String reason = cloud.disabledReason(r.get(2), r.get(1)).orElse(null);
            if (reason != null) {
                row.set(4, "disabled");
            }
            if (long_) {
                row.add(reason == null || reason.isEmpty() ? "None" : reason);
            }
            shown.add(row);
        }
        List<String> cols = new ArrayList<>(List.of("ID", "Binary", "Host", "Zone", "Status", "State", "Updated At"));
        if (long_) {
            cols.add("Disabled Reason");
        }
        return new Out(cols, shown, false);
    }

    /** {@code compute service set [--enable|--disable] [--disable-reason R] HOST SERVICE}: prints nothing. */
    private Out computeServiceSet(Call call, Cmd cmd) throws PlayFailure {
        reach(call, "nova_api");
        if (cmd.pos().size() != 2) {
            throw new PlayFailure(2, "usage: openstack compute service set [-h] [--enable | --disable]\n"
                    + "                                     [--disable-reason <reason>]\n"
                    + "                                     [--up | --down] <host> <service>\n"
                    + "openstack compute service set: error: too few arguments");
        }
        String host = cmd.pos().get(0);
        String binary = cmd.pos().get(1);
        boolean known = (binary.equals("nova-compute") && call.cluster().topology().has(host, "computes"))
                || (call.cluster().topology().has(host, "controllers")
                && List.of("nova-scheduler", "nova-conductor", "nova-consoleauth").contains(binary));
        if (!known) {
            throw new PlayFailure(1, "Compute service " + binary + " of host " + host + " failed to set.\n"
                    + "Compute service nova-compute of host " + host + " failed to set.");
        }
        if (cmd.opts().containsKey("--disable")) {
            call.cluster().cloud().disableService(host, binary, cmd.opt("--disable-reason"));
        } else if (cmd.opts().containsKey("--enable")) {
            call.cluster().cloud().enableService(host, binary);
        }
        return new Out(List.of(), List.of(), false);
    }

    private static List<String> serviceRow(int id, String binary, String host, String zone, boolean up, Instant now) {
        return List.of(String.valueOf(id), binary, host, zone, "enabled", up ? "up" : "down",
                UPDATED.format(up ? now.minusSeconds(now.getEpochSecond() % 10) : now.minusSeconds(75)));
    }

    private Out agents(Call call) throws PlayFailure {
        reach(call, "neutron_server");
        Network net = call.cluster().network();
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (String h : call.cluster().topology().hosts()) {
            boolean network = call.cluster().topology().has(h, "network");
            boolean compute = call.cluster().topology().has(h, "computes");
            if (network || compute || call.cluster().topology().has(h, "controllers")) {
                rows.add(agentRow(n++, "Open vSwitch agent", h, "", net.serving(h, "neutron_openvswitch_agent"),
                        "neutron-openvswitch-agent"));
            }
            if (network) {
                rows.add(agentRow(n++, "DHCP agent", h, "nova", net.serving(h, "neutron_dhcp_agent"), "neutron-dhcp-agent"));
                rows.add(agentRow(n++, "L3 agent", h, "nova", net.serving(h, "neutron_l3_agent"), "neutron-l3-agent"));
                rows.add(agentRow(n++, "Metadata agent", h, "", net.serving(h, "neutron_metadata_agent"),
                        "neutron-metadata-agent"));
            }
        }
        return new Out(List.of("ID", "Agent Type", "Host", "Availability Zone", "Alive", "State", "Binary"), rows, false);
    }

    private static List<String> agentRow(int n, String type, String host, String az, boolean alive, String binary) {
        String id = java.util.UUID.nameUUIDFromBytes((host + type).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return List.of(id, type, host, az, alive ? ":-)" : "XXX", "UP", binary);
    }

    private static final List<String> ENDPOINT_COLUMNS = List.of("ID", "Region", "Service Name", "Service Type", "Enabled",
            "Interface", "URL");

    private Out endpointList(Call call, Cmd cmd) {
        String svc = cmd.opt("--service");
        String iface = cmd.opt("--interface");
        List<List<String>> rows = new ArrayList<>();
        for (Endpoint e : call.cluster().cloud().endpoints()) {
            if ((svc != null && !svc.equals(e.serviceName()) && !svc.equals(e.serviceType()))
                    || (iface != null && !iface.equals(e.iface()))) {
                continue;
            }
            rows.add(endpointRow(e));
        }
        return new Out(ENDPOINT_COLUMNS, rows, false);
    }

    private static List<String> endpointRow(Endpoint e) {
        return List.of(e.id(), e.region(), e.serviceName(), e.serviceType(), e.enabled() ? "True" : "False", e.iface(), e.url());
    }

    private Out endpointCreate(Call call, Cmd cmd) throws PlayFailure {
        if (cmd.pos().size() < 3) {
            throw new PlayFailure(2, "usage: openstack endpoint create [--region <region-id>] <service> <interface> <url>\n"
                    + "openstack endpoint create: error: too few arguments");
        }
        String region = cmd.opts().getOrDefault("--region", "RegionOne");
        Endpoint e = call.cluster().cloud().addEndpoint(region, cmd.pos().get(0), cmd.pos().get(1), cmd.pos().get(2))
                .orElseThrow(() -> new PlayFailure(1, "No service with a type, name or ID of '" + cmd.pos().get(0) + "' exists."));
        return new Out(List.of("enabled", "id", "interface", "region", "region_id", "service_id", "service_name",
                "service_type", "url"), List.of(List.of("True", e.id(), e.iface(), e.region(), e.region(),
                call.cluster().cloud().service(e.serviceName()).orElseThrow().id(), e.serviceName(), e.serviceType(), e.url())),
                true);
    }

    private Out service(Call call, Cmd cmd) throws PlayFailure {
        Cloud cloud = call.cluster().cloud();
        List<String> cols = List.of("description", "enabled", "id", "name", "type");
        switch (cmd.name()) {
            case "service list" -> {
                List<List<String>> rows = cloud.services().stream().map(s -> List.of(s.id(), s.name(), s.type())).toList();
                return new Out(List.of("ID", "Name", "Type"), rows, false);
            }
            case "service create" -> {
                if (cmd.pos().isEmpty()) {
                    throw new PlayFailure(2, "usage: openstack service create [--name <name>] [--description <description>] <type>\n"
                            + "openstack service create: error: too few arguments");
                }
                Cloud.Service s = cloud.addService(cmd.opts().getOrDefault("--name", cmd.pos().get(0)), cmd.pos().get(0),
                        cmd.opts().getOrDefault("--description", ""));
                return new Out(cols, List.of(List.of(s.description(), "True", s.id(), s.name(), s.type())), true);
            }
            default -> {
                String name = cmd.pos().isEmpty() ? "" : cmd.pos().get(0);
                Cloud.Service s = cloud.service(name).orElseThrow(() -> new PlayFailure(1,
                        "No service with a type, name or ID of '" + name + "' exists."));
                return new Out(cols, List.of(List.of(s.description(), "True", s.id(), s.name(), s.type())), true);
            }
        }
    }

    private Out user(Call call, Cmd cmd) throws PlayFailure {
        Cloud cloud = call.cluster().cloud();
        List<String> cols = List.of("domain_id", "enabled", "id", "name", "options", "password_expires_at");
        if (cmd.name().equals("user list")) {
            return new Out(List.of("ID", "Name"), List.of(), false);
        }
        String name = cmd.pos().isEmpty() ? "" : cmd.pos().get(0);
        if (cmd.name().equals("user create")) {
            if (!cloud.addUser(name) && !cmd.opts().containsKey("--or-show")) {
                throw new PlayFailure(1, "Conflict occurred attempting to store user - Duplicate entry found with name "
                        + name + " at domain ID default. (HTTP 409)");
            }
        } else if (!cloud.hasUser(name)) {
            throw new PlayFailure(1, "No user with a name or ID of '" + name + "' exists.");
        }
        String id = java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
                .replace("-", "");
        return new Out(cols, List.of(List.of("default", "True", id, name, "{}", "None")), true);
    }

    private Out roleAdd(Call call, Cmd cmd) throws PlayFailure {
        String user = cmd.opt("--user");
        String project = cmd.opt("--project");
        if (cmd.pos().isEmpty() || user == null || project == null) {
            throw new PlayFailure(2, "openstack role add: error: too few arguments");
        }
        if (!call.cluster().cloud().hasUser(user)) {
            throw new PlayFailure(1, "No user with a name or ID of '" + user + "' exists.");
        }
        call.cluster().cloud().assign(cmd.pos().get(0), user, project);
        return new Out(List.of(), List.of(), false);
    }

    private Out roleAssignments(Call call, Cmd cmd) {
        boolean names = cmd.opts().containsKey("--names");
        List<List<String>> rows = new ArrayList<>();
        for (String[] a : call.cluster().cloud().assignments(cmd.opt("--user"), cmd.opt("--project"))) {
            rows.add(List.of(a[0], names ? a[1] + "@Default" : a[1], "", names ? a[2] + "@Default" : a[2], "", "False"));
        }
        return new Out(List.of("Role", "User", "Group", "Project", "Domain", "Inherited"), rows, false);
    }

    private Out simple(List<Cloud.Simple> items, String container, Call call) throws PlayFailure {
        if (container != null) {
            reach(call, container);
        }
        return new Out(List.of("ID", "Name", "Status"), items.stream().map(s -> List.of(s.id(), s.name(), s.status())).toList(),
                false);
    }

    private Out servers(Call call, Cmd cmd) throws PlayFailure {
        reach(call, "nova_api");
        Cloud cloud = call.cluster().cloud();
        Instant now = call.cluster().clock().now();
        switch (cmd.name()) {
            case "server list" -> {
                String name = cmd.opt("--name");
                java.util.regex.Pattern p = name == null ? null : java.util.regex.Pattern.compile(name);
                List<List<String>> rows = cloud.servers().stream().filter(s -> p == null || p.matcher(s.name()).find())
                        .map(s -> List.of(s.id(), s.name(), status(s, now), s.network(), s.image(), s.flavor())).toList();
                return new Out(List.of("ID", "Name", "Status", "Networks", "Image", "Flavor"), rows, false);
            }
            case "server create" -> {
                if (cmd.pos().isEmpty() || cmd.opt("--flavor") == null) {
                    throw new PlayFailure(2, "usage: openstack server create (--image <image> | --volume <volume>) --flavor <flavor> <server-name>\n"
                            + "openstack server create: error: too few arguments");
                }
                Network net = call.cluster().network();
                boolean control = call.cluster().topology().role("controllers").stream()
                        .anyMatch(h -> net.serving(h, "nova_scheduler")) && call.cluster().topology().role("controllers")
                        .stream().anyMatch(h -> net.serving(h, "nova_conductor"));
                String host = control ? call.cluster().topology().role("computes").stream()
                        .filter(h -> net.serving(h, "nova_compute")).findFirst().orElse(null) : null;
                // --wait returns once the server is built; the lab does not block for the build but
                // dates the server back by the build time, so it is ACTIVE when the command returns.
                boolean wait = cmd.opts().containsKey("--wait");
                Server s = cloud.addServer(cmd.pos().get(0), host, cmd.opts().getOrDefault("--image", ""),
                        cmd.opt("--flavor"), cmd.opts().getOrDefault("--network", "private"), wait ? BUILD_TIME : Duration.ZERO);
                if (wait && s.error()) {
                    // As the client's --wait: the server stays, in ERROR, and the command fails.
                    throw new PlayFailure(1, "Error creating server: " + s.name() + "\n");
                }
                // Read the clock again: on a sped-up lab clock, lab time has moved since the command began.
                return show(s, call.cluster().clock().now(), cloud.properties(s));
            }
            case "server delete" -> {
                for (String n : cmd.pos()) {
                    Server s = find(cloud, n);
                    cloud.removeServer(s);
                }
                return new Out(List.of(), List.of(), false);
            }
            default -> {
                Server found = find(cloud, cmd.pos().isEmpty() ? "" : cmd.pos().get(0));
                return show(found, now, cloud.properties(found));
            }
        }
    }

    static Server find(Cloud cloud, String nameOrId) throws PlayFailure {
        List<Server> hits = cloud.servers().stream().filter(s -> s.id().equals(nameOrId) || s.name().equals(nameOrId)).toList();
        if (hits.isEmpty()) {
            throw new PlayFailure(1, "No server with a name or ID of '" + nameOrId + "' exists.");
        }
        if (hits.size() > 1) {
            throw new PlayFailure(1, "More than one server exists with the name '" + nameOrId + "'.");
        }
        return hits.get(0);
    }

    private static String status(Server s, Instant now) {
        if (s.error()) {
            return "ERROR";
        }
        return now.isBefore(s.created().plus(BUILD_TIME)) ? "BUILD" : "ACTIVE";
    }

    private static Out show(Server s, Instant now, String properties) {
        String status = status(s, now);
        List<String> cols = new ArrayList<>(List.of("OS-EXT-SRV-ATTR:host", "addresses", "created", "fault", "flavor", "id",
                "image", "name", "properties", "status"));
        List<String> vals = new ArrayList<>(List.of(s.host() == null ? "None" : s.host(), s.network(),
                DateTimeFormatter.ISO_INSTANT.format(s.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                s.error() ? "{u'message': u'No valid host was found. ', u'code': 500}" : "", s.flavor(), s.id(), s.image(),
                s.name(), properties, status));
        if (!s.error()) {
            int i = cols.indexOf("fault");
            cols.remove(i);
            vals.remove(i);
        }
        int at = cols.indexOf("name") + 1;
        cols.add(at, "properties");
        vals.add(at, properties);
        return new Out(cols, List.of(vals), true);
    }

    /**
     * What the verification's canary uses besides servers: networks and subnets (Neutron), volumes
     * (Cinder; {@code available}, {@code in-use} once attached), server properties. Each answers as
     * python-openstackclient 3.x does; a name that does not exist fails as it does there.
     */
    private Out canary(Call call, Cmd cmd) throws PlayFailure {
        Cloud cloud = call.cluster().cloud();
        String name = cmd.pos().isEmpty() ? "" : cmd.pos().get(0);
        switch (cmd.name()) {
            case "network create", "subnet create" -> {
                reach(call, "neutron_server");
                boolean subnet = cmd.name().startsWith("subnet");
                if (subnet && cloud.network(cmd.opts().getOrDefault("--network", "")).isEmpty()) {
                    throw new PlayFailure(1, "Unable to find network with name or ID '" + cmd.opt("--network") + "'");
                }
                Cloud.Simple made = cloud.addNetwork(name, subnet);
                return new Out(List.of("id", "name", "status"), List.of(List.of(made.id(), made.name(), made.status())), true);
            }
            case "network delete", "subnet delete" -> {
                reach(call, "neutron_server");
                boolean subnet = cmd.name().startsWith("subnet");
                if (!cloud.removeNetwork(name, subnet)) {
                    throw new PlayFailure(1, "Failed to delete " + (subnet ? "subnet" : "network") + " with name or ID '" + name
                            + "': Unable to find " + (subnet ? "subnet" : "network") + " with name or ID '" + name + "'\n1 of 1 "
                            + (subnet ? "subnets" : "networks") + " failed to delete.");
                }
                return new Out(List.of(), List.of(), false);
            }
            case "volume create" -> {
                reach(call, "cinder_api");
                Cloud.Simple v = cloud.addVolume(name);
                return new Out(List.of("id", "name", "size", "status"), List.of(List.of(v.id(), v.name(),
                        cmd.opts().getOrDefault("--size", "1"), v.status())), true);
            }
            case "volume show" -> {
                reach(call, "cinder_api");
                Cloud.Simple v = cloud.volume(name).orElseThrow(() -> new PlayFailure(1, "No volume with a name or ID of '" + name + "' exists."));
                return new Out(List.of("id", "name", "status"), List.of(List.of(v.id(), v.name(), v.status())), true);
            }
            case "volume delete" -> {
                reach(call, "cinder_api");
                Cloud.Simple v = cloud.volume(name).orElseThrow(() -> new PlayFailure(1, "Failed to delete volume with name or ID '"
                        + name + "': No volume with a name or ID of '" + name + "' exists.\n1 of 1 volumes failed to delete."));
                if (v.status().equals("in-use")) {
                    throw new PlayFailure(1, "Failed to delete volume with name or ID '" + name + "': Invalid volume: Volume status must"
                            + " be available or error or error_restoring or error_extending or error_managing and must not be migrating,"
                            + " attached, belong to a group or have snapshots. (HTTP 400)\n1 of 1 volumes failed to delete.");
                }
                cloud.removeVolume(v);
                return new Out(List.of(), List.of(), false);
            }
            case "server add volume", "server remove volume" -> {
                reach(call, "nova_api");
                find(cloud, name);
                String vol = cmd.pos().size() > 1 ? cmd.pos().get(1) : "";
                Cloud.Simple v = cloud.volume(vol).orElseThrow(() -> new PlayFailure(1, "No volume with a name or ID of '" + vol + "' exists."));
                cloud.setVolumeStatus(v, cmd.name().equals("server add volume") ? "in-use" : "available");
                return new Out(List.of(), List.of(), false);
            }
            default -> {
                reach(call, "nova_api");
                Server srv = find(cloud, name);
                String prop = cmd.opt("--property");
                if (prop != null && prop.contains("=")) {
                    cloud.setProperty(srv, prop.substring(0, prop.indexOf('=')), prop.substring(prop.indexOf('=') + 1));
                }
                return new Out(List.of(), List.of(), false);
            }
        }
    }
}
