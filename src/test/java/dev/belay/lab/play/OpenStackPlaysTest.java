package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenStackPlaysTest {

    private static final String ADMIN = "openstack --os-cloud lab ";

    @Test
    void computeServicesAndAgentsFollowTheirContainers() {
        try (LabFixture lab = new LabFixture(3)) {
            String table = lab.out("lab-1", "openstack compute service list");
            List<String> lines = table.lines().toList();
            assertEquals("+----+------------------+-------+----------+---------+-------+----------------------------+", lines.get(0));
            assertEquals("| ID | Binary           | Host  | Zone     | Status  | State | Updated At                 |", lines.get(1));
            assertTrue(lines.get(3).matches("\\|  1 \\| nova-consoleauth \\| lab-1 \\| internal \\| enabled \\| up    \\| "
                    + "2026-12-01T10:00:00\\.000000 \\|"), lines.get(3));
            lab.cluster.services().stop("lab-3", "nova_compute", lab.cluster.clock().now());
            String value = lab.out("lab-1", ADMIN + "compute service list --service nova-compute -f value -c Host -c State");
            assertEquals("lab-1 up\nlab-2 up\nlab-3 down\n", value);

            String agents = lab.out("lab-1", "openstack network agent list -f value -c 'Agent Type' -c Host -c Alive");
            assertTrue(agents.startsWith("Open vSwitch agent lab-1 :-)\nDHCP agent lab-1 :-)\n"), agents);
            lab.cluster.services().stop("lab-2", "neutron_l3_agent", lab.cluster.clock().now());
            assertTrue(lab.out("lab-1", "openstack network agent list -f value -c 'Agent Type' -c Host -c Alive")
                    .contains("L3 agent lab-2 XXX\n"));
            PlayResult bad = lab.run("lab-1", "openstack compute service list -c Nope");
            assertEquals(1, bad.exitCode());
        }
    }

    @Test
    void withoutKeystoneOrHaproxyTheClientCannotAuthenticate() {
        try (LabFixture lab = new LabFixture(3)) {
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                lab.cluster.services().stop(h, "keystone", lab.cluster.clock().now());
            }
            PlayResult r = lab.run("lab-1", "openstack endpoint list");
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().endsWith("Service Unavailable (HTTP 503)\n"), r.stderr());
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                lab.cluster.services().stop(h, "haproxy", lab.cluster.clock().now());
            }
            assertTrue(lab.run("lab-1", "openstack token issue").stderr().contains("No route to host"));
        }
    }

    @Test
    void thePlacementCatalogStepsOfTheCellsRunbookWork() {
        try (LabFixture lab = new LabFixture(3)) {
            String catalog = lab.out("lab-1", "openstack endpoint list -f value -c 'Service Name' -c Interface -c Enabled");
            assertTrue(catalog.contains("keystone public True\n") && catalog.contains("nova internal True\n"), catalog);
            assertEquals("", lab.out("lab-1", "openstack endpoint list --service placement --interface public -f value -c ID"));
            assertEquals(1, lab.run("lab-1", "openstack user show placement").exitCode());
            lab.out("lab-1", "openstack user create --domain default --password secret placement");
            lab.out("lab-1", "openstack role add --project service --user placement admin");
            assertEquals("admin placement@Default  service@Default  False\n",
                    lab.out("lab-1", "openstack role assignment list --user placement --project service --names -f value"));
            assertEquals(1, lab.run("lab-1", "openstack service show placement").exitCode());
            lab.out("lab-1", "openstack service create --name placement --description 'Placement API' placement");
            for (String iface : List.of("public", "internal", "admin")) {
                lab.out("lab-1", "openstack endpoint create --region RegionOne placement " + iface + " http://10.0.0.250:8778");
            }
            String list = lab.out("lab-1", "openstack endpoint list --service placement");
            for (String iface : List.of("public", "internal", "admin")) {
                assertTrue(Pattern.compile("placement\\s+\\|\\s+True\\s+\\|\\s+" + iface).matcher(list).find(), list);
            }
            assertTrue(lab.out("lab-1", "openstack token issue -f value -c expires").matches("2026-12-01T11:00:00\\+0000\n"));
        }
    }

    @Test
    void serversAreCreatedListedAndDeleted() {
        try (LabFixture lab = new LabFixture(3)) {
            String show = lab.out("lab-1", "openstack server create --image cirros --flavor m1.tiny --network private --wait probe");
            assertTrue(Pattern.compile("\\| status\\s+\\| ACTIVE\\s+\\|").matcher(show).find(), show);
            String list = lab.out("lab-1", "openstack server list --all-projects -f value -c Name -c Status");
            assertEquals("canary ACTIVE\nweb-1 ACTIVE\nprobe ACTIVE\n", list);
            lab.out("lab-1", "openstack server delete probe");
            PlayResult again = lab.run("lab-1", "openstack server delete probe");
            assertEquals(1, again.exitCode());
            assertEquals("No server with a name or ID of 'probe' exists.\n", again.stderr());
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                lab.cluster.services().stop(h, "nova_compute", lab.cluster.clock().now());
            }
            lab.out("lab-1", "openstack server create --image cirros --flavor m1.tiny doomed");
            assertTrue(lab.out("lab-1", "openstack server list -f value -c Name -c Status").contains("doomed ERROR\n"));
            PlayResult waited = lab.run("lab-1", "openstack server create --image cirros --flavor m1.tiny --wait waited");
            assertEquals(1, waited.exitCode(), "--wait fails on a server that went to ERROR");
            assertEquals("Error creating server: waited\n", waited.stderr());
            assertTrue(lab.out("lab-1", "openstack server list -f value -c Name -c Status").contains("waited ERROR\n"));
        }
    }

    @Test
    void theCellsV2RunbookPathFromNewtonToOcata() {
        try (LabFixture lab = new LabFixture(3)) {
            PlayResult version = lab.run("lab-1", "nova-manage --version");
            assertEquals("14.0.8\n", version.stderr());
            assertEquals(2, lab.run("lab-1", "nova-manage cell_v2 list_cells").exitCode(), "list_cells arrived with Ocata");
            assertEquals(127, lab.run("lab-1", "nova-status upgrade check").exitCode());

            lab.out("lab-1", "yum -y update openstack-nova-* python-nova");
            assertEquals("15.0.8\n", lab.run("lab-1", "nova-manage --version").stderr());
            lab.out("lab-1", "nova-manage api_db sync");
            PlayResult early = lab.run("lab-1", "nova-manage db sync");
            assertEquals(1, early.exitCode());
            assertTrue(early.stderr().startsWith("ERROR: Could not access cell0."), early.stderr());
            assertEquals("+------+------+\n| Name | UUID |\n+------+------+\n+------+------+\n",
                    lab.out("lab-1", "nova-manage cell_v2 list_cells"));
            lab.out("lab-1", "nova-manage cell_v2 map_cell0");
            String uuid = lab.out("lab-1", "nova-manage cell_v2 create_cell --name=cell1 --verbose").trim();
            assertTrue(uuid.matches("[0-9a-f-]{36}"), uuid);
            String cells = lab.out("lab-1", "nova-manage cell_v2 list_cells");
            assertTrue(cells.contains("\n|  Name |                 UUID                 |\n"), cells);
            assertTrue(Pattern.compile("\\|\\s*cell0\\s*\\|\\s*00000000-0000-0000-0000-000000000000\\s*\\|").matcher(cells).find());
            assertTrue(Pattern.compile("\\|\\s*cell1\\s*\\|\\s*" + uuid + "\\s*\\|").matcher(cells).find(), cells);
            assertEquals(2, lab.run("lab-1", "nova-manage cell_v2 create_cell --name=cell1").exitCode());
            lab.out("lab-1", "nova-manage db sync");
            lab.out("lab-1", "nova-manage db online_data_migrations");

            PlayResult failing = lab.run("lab-1", "nova-status upgrade check");
            assertEquals(2, failing.exitCode());
            assertTrue(failing.stdout().contains("| Check: Cells v2"), failing.stdout());
            // Details wrap as Python's textwrap.wrap(details, 60, subsequent_indent='  ') does.
            assertTrue(failing.stdout().contains("| Details: No host mappings found but there are compute nodes. Run  |\n"
                    + "|   command 'nova-manage cell_v2 simple_cell_setup' and then        |\n"
                    + "|   retry.                                                          |\n"), failing.stdout());
            assertTrue(failing.stdout().contains("| Details: Placement API endpoint not found."), failing.stdout());

            String discover = lab.out("lab-1", "nova-manage cell_v2 discover_hosts --verbose");
            assertTrue(discover.startsWith("Found 2 cell mappings.\nSkipping cell0 since it does not contain hosts.\n"
                    + "Getting compute nodes from cell 'cell1': " + uuid + "\nFound 3 unmapped computes in cell: " + uuid + "\n"),
                    discover);
            assertEquals("Cell0 is already setup\n", lab.out("lab-1", "nova-manage cell_v2 simple_cell_setup"));
            lab.out("lab-1", "openstack service create --name placement placement");
            lab.out("lab-1", "openstack endpoint create placement internal http://10.0.0.250:8778");
            PlayResult ok = lab.run("lab-1", "nova-status upgrade check");
            assertEquals(0, ok.exitCode(), ok.stdout());
            assertEquals("""
                    +---------------------------+
                    | Upgrade Check Results     |
                    +---------------------------+
                    | Check: Cells v2           |
                    | Result: Success           |
                    | Details: None             |
                    +---------------------------+
                    | Check: Placement API      |
                    | Result: Success           |
                    | Details: None             |
                    +---------------------------+
                    | Check: Resource Providers |
                    | Result: Success           |
                    | Details: None             |
                    +---------------------------+
                    """, ok.stdout());
            lab.cluster.services().stop("lab-2", "nova_compute", lab.cluster.clock().now());
            assertEquals(1, lab.run("lab-1", "nova-status upgrade check").exitCode(), "one compute not reporting: a warning");
        }
    }

    @Test
    void dbSyncFailsOnTheStruckHostOnly() {
        try (LabFixture lab = new LabFixture(3, "db-sync-fails@lab-1")) {
            PlayResult r = lab.run("lab-1", "nova-manage api_db sync");
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().startsWith("ERROR: (pymysql.err.InternalError) (1050"), r.stderr());
            assertEquals(1, lab.run("lab-1", "placement-manage db sync").exitCode());
            assertEquals(0, lab.run("lab-2", "nova-manage api_db sync").exitCode());
            assertEquals(0, lab.run("lab-2", "placement-manage db sync").exitCode());
        }
    }

    @Test
    void haproxyStatsOverItsSocketShowEachServer() {
        try (LabFixture lab = new LabFixture(3)) {
            String sock = "socat stdio UNIX-CONNECT:/var/lib/kolla/haproxy/haproxy.sock";
            String csv = lab.run("lab-1", sock, "show stat\n").stdout();
            List<String> lines = csv.lines().toList();
            assertTrue(lines.get(0).startsWith("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,"
                    + "wretr,wredis,status,"), lines.get(0));
            assertEquals("keystone_internal,FRONTEND", String.join(",", Arrays.copyOf(lines.get(1).split(",", -1), 2)));
            lab.cluster.services().stop("lab-2", "keystone", lab.cluster.clock().now());
            csv = lab.run("lab-1", sock, "show stat\n").stdout();
            // The runbook's awk: field 18 is the status.
            List<String> down = csv.lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).map(l -> l.split(",", -1))
                    .filter(f -> !f[1].equals("FRONTEND") && !f[1].equals("BACKEND") && !f[17].equals("UP"))
                    .map(f -> f[0] + "/" + f[1] + " " + f[17]).toList();
            assertEquals(List.of("keystone_internal/lab-2 DOWN", "keystone_admin/lab-2 DOWN"), down);
            assertEquals(1, lab.run("lab-1", "socat stdio /var/run/other.sock", "show stat\n").exitCode());
            lab.cluster.services().stop("lab-1", "haproxy", lab.cluster.clock().now());
            PlayResult refused = lab.run("lab-1", sock, "show stat\n");
            assertEquals(1, refused.exitCode());
            assertTrue(refused.stderr().endsWith("): Connection refused\n"), refused.stderr());
            assertFalse(lab.out("lab-1", "ss -ltn").contains("10.0.0.250:"), "the VIP moved away with haproxy");
            assertTrue(lab.out("lab-2", "ss -ltn").contains("10.0.0.250:5000"));
        }
    }

    @Test
    void theOpenrcFilesExistOnControllers() {
        try (LabFixture lab = new LabFixture(4)) {
            assertTrue(lab.cluster.hostFiles("lab-1").get("/etc/kolla/admin-openrc.sh").contains("OS_AUTH_URL="));
            assertFalse(lab.cluster.hostFiles("lab-4").containsKey("/etc/kolla/admin-openrc.sh"));
            assertTrue(lab.cluster.hostFiles("lab-4").get("/etc/fstab").contains("/var/lib/ceph/osd/ceph-0 xfs"));
            assertTrue(lab.cluster.hostFiles("lab-4").get("/etc/nova/nova.conf").contains("[database]"));
            assertFalse(lab.cluster.hostFiles("lab-1").containsKey("/etc/httpd/conf.d/00-nova-placement-api.conf"));
            lab.out("lab-1", "yum -y install openstack-nova-placement-api");
            assertFalse(lab.cluster.hostFiles("lab-1").get("/etc/httpd/conf.d/00-nova-placement-api.conf")
                    .contains("<Directory /usr/bin>"), "the shipped vhost lacks the block the runbook adds");
        }
    }
}
