package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The faults that put a host on another release than the runbooks start from, seen through the
 * commands the preflight checks run: {@code ceph-half-upgraded@H} (ceph-upgrade's {@code hammer})
 * and {@code centos-8@H} (host-os-upgrade's {@code rhel7}).
 */
class ReleaseFaultsTest {

    private static final String HAMMER = "ceph version 0.94.10 (b1e0532418e4631af01acbc0cedd426f1905f4af)\n";
    private static final String JEWEL = "ceph version 10.2.10 (5dc1e4c05cb68dbf62ae6fce3f0700e4654fdbbe)\n";

    @Test
    void aHalfUpgradedHostRunsAJewelMonitorInAHealthyHammerCluster() {
        try (LabFixture lab = new LabFixture(3, "ceph-half-upgraded@lab-1")) {
            assertEquals(JEWEL, lab.out("lab-1", "ceph --version"));
            assertEquals(HAMMER, lab.out("lab-2", "ceph --version"));
            assertEquals("10.2.10", lab.cluster.services().get("lab-1", "ceph_mon").orElseThrow().version());
            assertEquals("0.94.10", lab.cluster.services().get("lab-2", "ceph_mon").orElseThrow().version());
            assertEquals("ceph-mon-10.2.10-0.el7.x86_64\nceph-osd-0.94.10-0.el7.x86_64\n",
                    lab.out("lab-1", "rpm -q ceph-mon ceph-osd"));
            assertEquals("enabled\n", lab.out("lab-1", "systemctl is-enabled ceph-mon@lab-1"));
            // Back in quorum and HEALTH_OK: only a version check tells this cluster apart.
            assertEquals("HEALTH_OK\n", lab.out("lab-2", "ceph health"));
            assertTrue(lab.out("lab-2", "ceph quorum_status").contains("\"quorum_names\":[\"lab-1\",\"lab-2\",\"lab-3\"]"));
            assertTrue(lab.out("lab-2", "ceph osd stat").contains("6 osds: 6 up, 6 in"));
            assertTrue(lab.out("lab-1", "ceph tell osd.0 version").contains("0.94.10"), "its OSDs stay on Hammer");
            // Each daemon answers for itself: what ceph-upgrade's `hammer` check asks.
            assertEquals(JEWEL, lab.out("lab-2", "ceph tell mon.lab-1 version"));
            assertEquals(HAMMER, lab.out("lab-1", "ceph tell mon.lab-2 version"));
            lab.out("lab-3", "service ceph stop mon");
            PlayResult down = lab.run("lab-1", "ceph tell mon.lab-3 version");
            assertEquals(6, down.exitCode());
            assertEquals("Error ENXIO: problem getting command descriptions from mon.lab-3\n", down.stderr());
            assertEquals(22, lab.run("lab-1", "ceph tell mon.lab-9 version").exitCode());
        }
    }

    @Test
    void halfUpgradedInjectedLiveRestartsTheMonitorOnJewel() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals(HAMMER, lab.out("lab-3", "ceph --version"));
            lab.inject("ceph-half-upgraded@lab-3");
            assertEquals(JEWEL, lab.out("lab-3", "ceph --version"));
            assertEquals("10.2.10", lab.cluster.services().get("lab-3", "ceph_mon").orElseThrow().version());
            assertEquals("HEALTH_OK\n", lab.out("lab-1", "ceph health"));
        }
    }

    @Test
    void aCentos8HostSaysSoInItsReleaseFilesAndKernel() {
        try (LabFixture lab = new LabFixture(3, "centos-8@lab-2")) {
            Map<String, String> el8 = lab.cluster.hostFiles("lab-2");
            assertEquals("CentOS Linux release 8.1.1911 (Core) \n", el8.get("/etc/redhat-release"));
            assertEquals("CentOS Linux release 8.1.1911 (Core) \n", el8.get("/etc/centos-release"));
            assertTrue(el8.get("/etc/os-release").contains("\nVERSION_ID=\"8\"\nPLATFORM_ID=\"platform:el8\"\n"));
            assertTrue(el8.get("/proc/version").startsWith("Linux version 4.18.0-147.el8.x86_64 "), el8.get("/proc/version"));
            assertEquals("4.18.0-147.el8.x86_64\n", lab.out("lab-2", "uname -r"));
            assertEquals("Linux lab-2 4.18.0-147.el8.x86_64 #1 SMP Wed Dec 4 21:51:45 UTC 2019 x86_64 x86_64 x86_64 GNU/Linux\n",
                    lab.out("lab-2", "uname -a"));
            assertEquals("CentOS Linux release 7.3.1611 (Core) \n", lab.cluster.hostFiles("lab-1").get("/etc/redhat-release"));
            assertEquals("3.10.0-514.el7.x86_64\n", lab.out("lab-1", "uname -r"));
        }
    }
}
