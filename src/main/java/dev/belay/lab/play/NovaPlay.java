package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import dev.belay.lab.play.Cloud.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code nova-manage} (cells v2 and the database syncs, as Newton 14 and Ocata 15 print them),
 * {@code nova-status upgrade check} (Ocata's table) and {@code placement-manage db sync}. The
 * release is the host's installed {@code openstack-nova-common}; the commands need the database
 * (a running {@code mariadb} on a controller). {@code db-sync-fails@H} makes every db sync on H fail.
 */
final class NovaPlay implements Play {

    @Override
    public Set<String> commands() {
        return Set.of("nova-manage", "nova-status", "placement-manage");
    }

    @Override
    public void attach(Cluster cluster) {
        cluster.faults().onInject(f -> ahead(cluster, f));
    }

    @Override
    public void seed(Cluster cluster) {
        cluster.faults().all().forEach(f -> ahead(cluster, f));
    }

    /** {@code nova-packages-ahead@H}: H's Newton Nova packages are Ocata's, as after a {@code yum update} there. */
    private static void ahead(Cluster cluster, dev.belay.lab.Fault f) {
        if (f.kind() != dev.belay.lab.FaultKind.NOVA_PACKAGES_AHEAD) {
            return;
        }
        cluster.hostOs().packages(f.host()).forEach((name, version) -> {
            if ((name.startsWith("openstack-nova") || name.equals("python-nova")) && version.equals(Rpms.NEWTON)) {
                cluster.hostOs().install(f.host(), name, Rpms.OCATA);
            }
        });
    }

    @Override
    public PlayResult run(Call call) {
        return run(call, null);
    }

    /**
     * The same commands run inside a Kolla container ({@code docker exec nova_api nova-manage ...}):
     * the tools are the image's release, not the host's packages.
     */
    PlayResult inContainer(Call call, String release) {
        int i = Kolla.RELEASES.indexOf(release);
        return run(call, i < 0 ? null : (14 + i) + ".0.0");
    }

    private PlayResult run(Call call, String containerVersion) {
        try {
            String version = containerVersion != null ? containerVersion : novaVersion(call);
            return switch (call.command()) {
                case "nova-manage" -> novaManage(call, version);
                case "nova-status" -> novaStatus(call, version);
                default -> placementManage(call);
            };
        } catch (PlayFailure f) {
            return f.result();
        }
    }

    private static String novaVersion(Call call) throws PlayFailure {
        String v = call.cluster().hostOs().packages(call.host()).get("openstack-nova-common");
        if (v == null) {
            throw new PlayFailure(127, call.command() + ": command not found");
        }
        return Rpms.upstream(v);
    }

    private static boolean ocata(String version) {
        return Rpms.compare(version, "15") >= 0;
    }

    private static void database(Call call) throws PlayFailure {
        Network net = call.cluster().network();
        boolean db = call.cluster().topology().role("controllers").stream().anyMatch(h -> net.serving(h, "mariadb"));
        if (!db) {
            throw new PlayFailure(1, "ERROR: (pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on '"
                    + Network.VIP + "' ([Errno 111] ECONNREFUSED)\")");
        }
    }

    private static void syncFault(Call call, String what) throws PlayFailure {
        if (call.cluster().faults().has(FaultKind.DB_SYNC_FAILS, call.host())) {
            throw new PlayFailure(1, "ERROR: (pymysql.err.InternalError) (1050, u\"Table '" + what + "' already exists\")");
        }
    }

    private PlayResult novaManage(Call call, String version) throws PlayFailure {
        List<String> a = call.args().stream().filter(x -> !x.startsWith("--config")).toList();
        if (a.contains("--version")) {
            // oslo.config's --version prints on standard error under Python 2.
            return new PlayResult("", version + "\n", 0);
        }
        String cmd = String.join(" ", a.subList(0, Math.min(2, a.size())));
        Cloud cloud = call.cluster().cloud();
        String release = version.substring(0, version.indexOf('.'));
        switch (cmd) {
            case "api_db sync" -> {
                database(call);
                syncFault(call, "cell_mappings");
                cloud.apiDbSynced(release);
                return PlayResult.ok("");
            }
            case "db sync" -> {
                database(call);
                if (ocata(version) && cloud.cell("cell0").isEmpty()) {
                    throw new PlayFailure(1, "ERROR: Could not access cell0.\nHas the nova_api database been created?\n"
                            + "Has the nova_cell0 database been created?\nHas \"nova-manage api_db sync\" been run?\n"
                            + "Has \"nova-manage cell_v2 map_cell0\" been run?\n"
                            + "Is [api_database]/connection set in nova.conf?\nIs the cell0 database connection URL correct?");
                }
                syncFault(call, "resource_providers");
                cloud.dbSynced(release);
                return PlayResult.ok("");
            }
            case "db online_data_migrations" -> {
                database(call);
                return PlayResult.ok("Running batches of 50 until complete\n");
            }
            case "db version", "api_db version" -> {
                database(call);
                String r = cmd.startsWith("api") ? cloud.apiDbRelease() : cloud.dbRelease();
                return PlayResult.ok((cmd.startsWith("api") ? (r.equals("15") ? "31" : "20") : (r.equals("15") ? "347" : "334")) + "\n");
            }
            default -> { }
        }
        if (a.size() >= 2 && a.get(0).equals("cell_v2")) {
            return cellV2(call, version, a.get(1), a.subList(2, a.size()));
        }
        return PlayResult.fail(2, "usage: nova-manage [-h] [--config-dir DIR] [--config-file PATH] [--debug] [--nodebug]\n"
                + "nova-manage: error: argument category: invalid choice: '" + (a.isEmpty() ? "" : a.get(0)) + "'\n");
    }

    private PlayResult cellV2(Call call, String version, String action, List<String> args) throws PlayFailure {
        List<String> ocataOnly = List.of("list_cells", "create_cell", "discover_hosts");
        if (ocataOnly.contains(action) && !ocata(version)) {
            return PlayResult.fail(2, "usage: nova-manage cell_v2 [-h] {map_cell0,map_cell_and_hosts,map_instances,"
                    + "simple_cell_setup,verify_instance} ...\nnova-manage cell_v2: error: argument action: invalid choice: '"
                    + action + "' (choose from 'map_cell0', 'map_cell_and_hosts', 'map_instances', 'simple_cell_setup', "
                    + "'verify_instance')\n");
        }
        database(call);
        Cloud cloud = call.cluster().cloud();
        boolean verbose = args.contains("--verbose") || args.contains("-v");
        switch (action) {
            case "list_cells" -> {
                List<List<String>> rows = new ArrayList<>();
                cloud.cells().forEach(c -> rows.add(List.of(c.name(), c.uuid())));
                return PlayResult.ok(Tables.box(List.of("Name", "UUID"), rows, Tables.Align.CENTER));
            }
            case "map_cell0" -> {
                if (cloud.cell("cell0").isPresent()) {
                    return PlayResult.ok("Cell0 is already setup\n");
                }
                cloud.addCell("cell0", Cloud.CELL0_UUID);
                return PlayResult.ok("");
            }
            case "create_cell" -> {
                String name = null;
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).startsWith("--name=")) {
                        name = args.get(i).substring(7);
                    } else if (args.get(i).equals("--name") && i + 1 < args.size()) {
                        name = args.get(++i);
                    }
                }
                java.util.Optional<Cell> existing = cloud.cells().stream().filter(c -> !c.name().equals("cell0")).findFirst();
                if (existing.isPresent()) {
                    return PlayResult.fail(2, "The specified transport_url and/or database_connection combination already "
                            + "exists for another cell with uuid " + existing.get().uuid() + ".\n");
                }
                Cell c = cloud.addCell(name == null ? "" : name, null);
                return PlayResult.ok(verbose ? c.uuid() + "\n" : "");
            }
            case "discover_hosts" -> {
                return discover(call, verbose);
            }
            case "simple_cell_setup", "map_cell_and_hosts" -> {
                StringBuilder out = new StringBuilder();
                if (action.equals("simple_cell_setup")) {
                    if (cloud.cell("cell0").isPresent()) {
                        out.append("Cell0 is already setup\n");
                    } else {
                        cloud.addCell("cell0", Cloud.CELL0_UUID);
                    }
                }
                List<String> computes = call.cluster().topology().role("computes");
                if (computes.isEmpty()) {
                    return new PlayResult(out + "No hosts found to map to cell, exiting.\n", "", 1);
                }
                if (cloud.cells().stream().noneMatch(c -> !c.name().equals("cell0"))) {
                    cloud.addCell("cell1", null);
                }
                computes.forEach(cloud::mapHost);
                if (action.equals("simple_cell_setup")) {
                    cloud.instancesMapped();
                }
                return PlayResult.ok(out.toString());
            }
            case "map_instances" -> {
                cloud.instancesMapped();
                return PlayResult.ok("");
            }
            default -> {
                return PlayResult.fail(2, "nova-manage cell_v2: error: argument action: invalid choice: '" + action + "'\n");
            }
        }
    }

    private PlayResult discover(Call call, boolean verbose) {
        Cloud cloud = call.cluster().cloud();
        List<Cell> cells = cloud.cells();
        StringBuilder out = new StringBuilder();
        if (verbose) {
            out.append("Found ").append(cells.size()).append(" cell mappings.\n");
        }
        for (Cell c : cells) {
            if (c.name().equals("cell0")) {
                if (verbose) {
                    out.append("Skipping cell0 since it does not contain hosts.\n");
                }
                continue;
            }
            List<String> unmapped = call.cluster().topology().role("computes").stream()
                    .filter(h -> !cloud.hostMappings().contains(h)).toList();
            if (verbose) {
                out.append("Getting compute nodes from cell '").append(c.name()).append("': ").append(c.uuid()).append('\n');
                out.append("Found ").append(unmapped.size()).append(" unmapped computes in cell: ").append(c.uuid()).append('\n');
            }
            for (String h : unmapped) {
                cloud.mapHost(h);
                if (verbose) {
                    out.append("Checking host mapping for compute host '").append(h).append("': ")
                            .append(java.util.UUID.nameUUIDFromBytes(h.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .append('\n');
                    out.append("Creating host mapping for compute host '").append(h).append("': ")
                            .append(java.util.UUID.nameUUIDFromBytes(h.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .append('\n');
                }
            }
        }
        return PlayResult.ok(out.toString());
    }

    /** Ocata's {@code nova-status upgrade check}: Cells v2, Placement API, Resource Providers. */
    private PlayResult novaStatus(Call call, String version) throws PlayFailure {
        if (!ocata(version)) {
            throw new PlayFailure(127, "nova-status: command not found");
        }
        if (!String.join(" ", call.args()).equals("upgrade check")) {
            return PlayResult.fail(2, "usage: nova-status [-h] [--config-dir DIR] [--config-file PATH] [--debug] category ...\n"
                    + "nova-status: error: argument category: invalid choice\n");
        }
        database(call);
        Cloud cloud = call.cluster().cloud();
        Network net = call.cluster().network();
        List<String> computes = call.cluster().topology().role("computes");
        List<String[]> results = new ArrayList<>();
        // Cells v2
        if (cloud.cell("cell0").isEmpty() && cloud.cells().isEmpty()) {
            results.add(new String[]{"Cells v2", "Failure", "There needs to be at least two cell mappings, one for cell0 and one "
                    + "for your first cell. Run command 'nova-manage cell_v2 simple_cell_setup' and then retry."});
        } else if (cloud.cell("cell0").isEmpty()) {
            results.add(new String[]{"Cells v2", "Failure",
                    "No cell0 mapping found. Run command 'nova-manage cell_v2 simple_cell_setup' and then retry."});
        } else if (cloud.cells().size() < 2) {
            results.add(new String[]{"Cells v2", "Failure", "There needs to be at least two cell mappings, one for cell0 and one "
                    + "for your first cell. Run command 'nova-manage cell_v2 simple_cell_setup' and then retry."});
        } else if (cloud.hostMappings().isEmpty() && !computes.isEmpty()) {
            results.add(new String[]{"Cells v2", "Failure", "No host mappings found but there are compute nodes. Run command "
                    + "'nova-manage cell_v2 simple_cell_setup' and then retry."});
        } else {
            results.add(new String[]{"Cells v2", "Success", null});
        }
        // Placement API
        boolean endpoint = cloud.endpoints().stream().anyMatch(e -> e.serviceType().equals("placement"));
        boolean serving = call.cluster().topology().role("controllers").stream().anyMatch(h -> net.serving(h, "placement_api"));
        boolean placementOk = endpoint && serving;
        if (!endpoint) {
            results.add(new String[]{"Placement API", "Failure", "Placement API endpoint not found."});
        } else if (!serving) {
            results.add(new String[]{"Placement API", "Failure", "Discovery for placement API URI failed."});
        } else {
            results.add(new String[]{"Placement API", "Success", null});
        }
        // Resource Providers: each running nova-compute reports once Placement works.
        long providers = placementOk ? computes.stream().filter(h -> net.serving(h, "nova_compute")).count() : 0;
        if (computes.isEmpty()) {
            results.add(new String[]{"Resource Providers", "Success", null});
        } else if (providers == 0) {
            results.add(new String[]{"Resource Providers", "Warning", "There are no compute resource providers in the "
                    + "Placement service but there are " + computes.size() + " compute nodes in the deployment. This means "
                    + "no compute nodes are reporting into the Placement service and need to be upgraded and/or fixed. See "
                    + "http://docs.openstack.org/developer/nova/placement.html for more details."});
        } else if (providers < computes.size()) {
            results.add(new String[]{"Resource Providers", "Warning", "There are " + providers + " compute resource providers "
                    + "and " + computes.size() + " compute nodes in the deployment. Ideally the number of compute resource "
                    + "providers should equal the number of enabled compute nodes otherwise the cloud may be underutilized. "
                    + "See http://docs.openstack.org/developer/nova/placement.html for more details."});
        } else {
            results.add(new String[]{"Resource Providers", "Success", null});
        }
        List<String> cells = new ArrayList<>();
        int code = 0;
        for (String[] r : results) {
            cells.add("Check: " + r[0] + "\nResult: " + r[1] + "\nDetails: " + (r[2] == null ? "None" : wrap(r[2])));
            code = Math.max(code, r[1].equals("Failure") ? 2 : r[1].equals("Warning") ? 1 : 0);
        }
        return new PlayResult(Tables.ruled("Upgrade Check Results", cells), "", code);
    }

    /** Python's textwrap.wrap(text, 60, subsequent_indent='  '), joined by newlines. */
    static String wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() == 0) {
                line.append(w);
            } else if (line.length() + 1 + w.length() <= 60) {
                line.append(' ').append(w);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append("  ").append(w);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    private PlayResult placementManage(Call call) throws PlayFailure {
        if (!String.join(" ", call.args()).equals("db sync")) {
            return PlayResult.fail(2, "usage: placement-manage [-h] [--config-dir DIR] [--config-file PATH] {db} ...\n");
        }
        database(call);
        syncFault(call, "resource_classes");
        return PlayResult.ok("");
    }
}
