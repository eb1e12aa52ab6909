package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The faults the OpenStack runbooks' gates are proven with, seen through the commands they run. */
class OpenStackFaultsTest {

    private static final String VIP_CODE = "curl -s -o /dev/null -w %{http_code} http://10.0.0.250:5000/v3";

    @Test
    void haproxyNoBackendsAnswers503ThroughTheVipWhileEachHostStillAnswers() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("200", lab.out("lab-1", VIP_CODE));
            lab.inject("haproxy-no-backends@lab-1");
            PlayResult vip = lab.run("lab-1", VIP_CODE);
            assertEquals(0, vip.exitCode(), "curl exits 0 on an HTTP error");
            assertEquals("503", vip.stdout());
            assertEquals("200", lab.out("lab-2", "curl -s -o /dev/null -w %{http_code} http://localhost:5000/v3"));
            PlayResult client = lab.run("lab-1", "openstack token issue");
            assertEquals(1, client.exitCode());
            assertTrue(client.stderr().contains("Service Unavailable (HTTP 503)"), client.stderr());
        }
    }

    @Test
    void catalogInternalMissingAtStartAndLive() {
        String list = "openstack endpoint list --service keystone -f value -c Interface";
        try (LabFixture lab = new LabFixture(3, "catalog-internal-missing")) {
            String ifaces = lab.out("lab-1", list);
            assertTrue(ifaces.contains("public") && !ifaces.contains("internal"), ifaces);
        }
        try (LabFixture lab = new LabFixture(3)) {
            assertTrue(lab.out("lab-1", list).contains("internal"));
            lab.inject("catalog-internal-missing");
            assertFalse(lab.out("lab-1", list).contains("internal"));
        }
    }

    @Test
    void serviceNotReportingListsTheServiceDownWhileItsContainerRuns() {
        try (LabFixture lab = new LabFixture(3, "service-not-reporting@lab-2:nova_conductor")) {
            assertEquals("lab-1 up\nlab-2 down\nlab-3 up\n",
                    lab.out("lab-1", "openstack compute service list --service nova-conductor -f value -c Host -c State"));
            assertTrue(lab.cluster.services().isRunning("lab-2", "nova_conductor"));
            assertEquals("lab-1 up\nlab-2 up\nlab-3 up\n",
                    lab.out("lab-1", "openstack compute service list --service nova-scheduler -f value -c Host -c State"));
        }
    }

    @Test
    void novaPackagesAheadMakesTheHostsNovaOcatas() {
        try (LabFixture lab = new LabFixture(3, "nova-packages-ahead@lab-2")) {
            assertTrue(lab.run("lab-1", "nova-manage --version").stderr().startsWith("14."));
            assertTrue(lab.run("lab-2", "nova-manage --version").stderr().startsWith("15."));
            lab.inject("nova-packages-ahead@lab-3");
            assertTrue(lab.run("lab-3", "nova-manage --version").stderr().startsWith("15."));
        }
    }
}
