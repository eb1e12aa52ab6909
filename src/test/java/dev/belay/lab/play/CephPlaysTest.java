package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CephPlaysTest {

    private static final Pattern ALL_UP = Pattern.compile("(\\d+) osds: \\1 up, \\1 in");
    private static final Pattern ALL_CLEAN = Pattern.compile("(\\d+) pgs: \\1 active\\+clean;");

    @Test
    void aFreshClusterIsHealthyHammerWithThreeMonsInQuorum() {
        try (LabFixture lab = new LabFixture(3)) {
            String s = lab.out("lab-1", "ceph -s");
            assertTrue(s.contains("     health HEALTH_OK\n"), s);
            assertTrue(s.contains("     osdmap e52: 6 osds: 6 up, 6 in\n"), s);
            assertTrue(s.contains("            election epoch 12, quorum 0,1,2 lab-1,lab-2,lab-3\n"), s);
            assertTrue(s.endsWith("                 192 active+clean\n"), s);
            assertEquals("HEALTH_OK\n", lab.out("lab-1", "ceph health"));
            assertEquals("ceph version 0.94.10 (b1e0532418e4631af01acbc0cedd426f1905f4af)\n", lab.out("lab-2", "ceph --version"));
            assertTrue(lab.out("lab-1", "ceph mon stat").matches("e1: 3 mons at \\{lab-1=10\\.0\\.0\\.11:6789/0,.*\\}, "
                    + "election epoch 12, quorum 0,1,2 lab-1,lab-2,lab-3\n"));
            String pretty = lab.out("lab-1", "ceph quorum_status -f json-pretty");
            assertEquals(3, pretty.lines().filter(l -> l.contains("\"name\"")).count(), pretty);
            assertTrue(lab.out("lab-1", "ceph quorum_status").contains("\"quorum_names\":[\"lab-1\",\"lab-2\",\"lab-3\"]"));
            String tree = lab.out("lab-1", "ceph osd tree");
            assertTrue(tree.startsWith("ID WEIGHT  TYPE NAME      UP/DOWN REWEIGHT PRIMARY-AFFINITY \n"), tree);
            assertEquals(6, tree.lines().filter(l -> l.contains(" osd.") && l.contains(" up ")).count(), tree);
            assertTrue(ALL_UP.matcher(lab.out("lab-1", "ceph osd stat")).find());
            assertTrue(ALL_CLEAN.matcher(lab.out("lab-1", "ceph pg stat")).find());
            assertEquals(22, lab.run("lab-1", "ceph versions").exitCode(), "ceph versions arrived with Luminous");
            assertTrue(lab.out("lab-1", "ceph osd dump").contains("\nflags \n"));
        }
    }

    @Test
    void nooutWarnsAndAnOsdHostRebootDegradesThePlacementGroupsUntilTheyRecover() {
        try (LabFixture lab = new LabFixture(3)) {
            PlayResult set = lab.run("lab-1", "ceph osd set noout");
            assertEquals("set noout\n", set.stderr());
            assertEquals("HEALTH_WARN noout flag(s) set\n", lab.out("lab-1", "ceph health"));
            assertTrue(lab.out("lab-1", "ceph osd dump").contains("\nflags noout\n"));

            lab.out("lab-2", "reboot");
            lab.pass(Duration.ofSeconds(3));
            String stat = lab.out("lab-1", "ceph osd stat");
            assertTrue(stat.contains("6 osds: 4 up, 6 in"), stat);
            String health = lab.out("lab-1", "ceph health");
            assertTrue(health.startsWith("HEALTH_WARN 192 pgs degraded; 192 pgs undersized; recovery "), health);
            assertTrue(health.contains("2/6 in osds are down; noout flag(s) set"), health);
            assertTrue(lab.out("lab-1", "ceph pg stat").contains("192 pgs: 192 active+undersized+degraded;"));
            assertTrue(lab.out("lab-1", "ceph health detail").contains("osd.2 is down since epoch"));

            lab.pass(Reboots.REBOOT_BOOT_TIME);
            assertTrue(ALL_UP.matcher(lab.out("lab-1", "ceph osd stat")).find());
            String recovering = lab.out("lab-1", "ceph pg stat");
            assertTrue(recovering.contains("active+recovering+degraded"), recovering);
            assertFalse(ALL_CLEAN.matcher(recovering).find());
            lab.pass(Ceph.RECOVERY);
            assertTrue(ALL_CLEAN.matcher(lab.out("lab-1", "ceph pg stat")).find());
            lab.out("lab-1", "ceph osd unset noout");
            assertEquals("HEALTH_OK\n", lab.out("lab-1", "ceph health"));
        }
    }

    @Test
    void slowRecoveryKeepsThePlacementGroupsDegradedForTenMinutes() {
        try (LabFixture lab = new LabFixture(3, "ceph-slow-recovery")) {
            lab.out("lab-1", "ceph osd set noout");
            lab.out("lab-3", "reboot");
            lab.pass(Duration.ofSeconds(3));
            lab.pass(Reboots.REBOOT_BOOT_TIME);
            lab.pass(Duration.ofMinutes(5));
            String pg = lab.out("lab-1", "ceph pg stat");
            assertTrue(pg.contains("active+recovering+degraded"), pg);
            lab.pass(Duration.ofMinutes(5));
            assertTrue(ALL_CLEAN.matcher(lab.out("lab-1", "ceph pg stat")).find());
        }
    }

    @Test
    void downOsdsAreMarkedOutAfterFiveMinutesWithoutNoout() {
        try (LabFixture lab = new LabFixture(3, "host-no-return@lab-2")) {
            lab.out("lab-2", "reboot");
            lab.pass(Duration.ofSeconds(3));
            assertTrue(lab.out("lab-1", "ceph osd stat").contains("6 osds: 4 up, 6 in"));
            lab.pass(Ceph.DOWN_OUT);
            assertTrue(lab.out("lab-1", "ceph osd stat").contains("6 osds: 4 up, 4 in"));
            assertTrue(lab.out("lab-1", "ceph osd tree").contains("osd.2      down  0.00000"));
        }
    }

    @Test
    void aMonitorOutOfQuorumShowsInMonStatAndHealth() {
        try (LabFixture lab = new LabFixture(3, "ceph-mon-out-of-quorum@lab-3")) {
            assertTrue(lab.out("lab-1", "ceph mon stat").endsWith("quorum 0,1 lab-1,lab-2\n"));
            String health = lab.out("lab-1", "ceph health detail");
            assertTrue(health.startsWith("HEALTH_WARN 1 mons down, quorum 0,1 lab-1,lab-2\n"), health);
            assertTrue(health.contains("mon.lab-3 (rank 2) addr 10.0.0.13:6789/0 is down (out of quorum)"), health);
            String pretty = lab.out("lab-1", "ceph quorum_status -f json-pretty");
            assertTrue(pretty.contains("\"quorum_names\": [\n        \"lab-1\",\n        \"lab-2\"\n    ]"), pretty);
        }
    }

    @Test
    void withoutAMonitorQuorumTheClientCannotConnect() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "service ceph stop mon");
            assertTrue(lab.out("lab-1", "ceph mon stat").contains("quorum 1,2 lab-2,lab-3"));
            lab.out("lab-2", "service ceph stop mon");
            PlayResult r = lab.run("lab-3", "ceph -s");
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().endsWith("Error connecting to cluster: TimedOut\n"), r.stderr());
            assertEquals("ceph version 0.94.10 (b1e0532418e4631af01acbc0cedd426f1905f4af)\n",
                    lab.out("lab-3", "ceph -v"), "the version needs no cluster");
        }
    }

    @Test
    void theHammerToJewelRunbookPathEndsHealthyOnJewelWithJewelTunables() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "ceph osd set noout");
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                assertEquals(5, lab.run(h, "systemctl start ceph-mon@" + h).exitCode(), "Hammer has no systemd units");
                String stop = lab.out(h, "service ceph stop mon");
                assertTrue(stop.startsWith("=== mon." + h + " === \nStopping Ceph mon." + h + " on " + h + "...kill "), stop);
                lab.out(h, "yum -y update ceph-mon ceph-common");
                PlayResult enable = lab.run(h, "systemctl enable ceph-mon.target ceph-mon@" + h);
                assertTrue(enable.stderr().contains("Created symlink from /etc/systemd/system/ceph-mon.target.wants/ceph-mon@"
                        + h + ".service to /usr/lib/systemd/system/ceph-mon@.service."), enable.stderr());
                if (h.equals("lab-1")) {
                    // Jewel runs as the ceph user: on root-owned data the monitor does not start.
                    PlayResult refused = lab.run(h, "systemctl start ceph-mon@" + h);
                    assertEquals(1, refused.exitCode());
                    assertTrue(refused.stderr().startsWith("Job for ceph-mon@lab-1.service failed"), refused.stderr());
                    assertEquals("failed\n", lab.run(h, "systemctl is-active ceph-mon@" + h).stdout());
                    assertEquals("degraded\n", lab.run(h, "systemctl is-system-running").stdout());
                }
                lab.out(h, "chown -R ceph:ceph /var/lib/ceph/mon /var/log/ceph /var/run/ceph");
                lab.out(h, "systemctl start ceph-mon@" + h);
                assertEquals("active\n", lab.out(h, "systemctl is-active ceph-mon@" + h));
                assertTrue(lab.out("lab-1", "ceph mon stat").contains("quorum 0,1,2"));
            }
            assertEquals("10.2.10", lab.cluster.services().get("lab-2", "ceph_mon").orElseThrow().version());
            assertEquals("ceph/daemon:jewel", lab.cluster.services().get("lab-2", "ceph_mon").orElseThrow().image());
            assertEquals(1, lab.run("lab-1", "chown -R nobody:nobody /var/lib/ceph").exitCode());
            assertEquals(1, lab.run("lab-1", "ceph osd set require_jewel_osds").exitCode(), "Hammer OSDs are still up");

            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                lab.out(h, "service ceph stop osd");
                lab.out(h, "yum -y update ceph-osd ceph-common");
                lab.out(h, "chown -R ceph:ceph /var/lib/ceph /var/log/ceph /var/run/ceph");
                lab.out(h, "systemctl enable ceph-osd.target");
                lab.out(h, "ceph-disk activate-all");
                assertTrue(lab.out(h, "ceph --version").startsWith("ceph version 10.2."));
                lab.pass(Ceph.RECOVERY);
                assertTrue(ALL_CLEAN.matcher(lab.out("lab-1", "ceph pg stat")).find());
            }
            String health = lab.out("lab-1", "ceph health");
            assertTrue(health.contains("all OSDs are running jewel or later but the 'require_jewel_osds' osdmap flag is not set"),
                    health);
            lab.out("lab-1", "ceph osd set require_jewel_osds");
            lab.out("lab-1", "ceph osd set sortbitwise");
            lab.out("lab-1", "ceph osd unset noout");
            assertEquals("flags require_jewel_osds,sortbitwise", lab.out("lab-1", "ceph osd dump").lines()
                    .filter(l -> l.startsWith("flags")).findFirst().orElseThrow());
            assertFalse(lab.out("lab-1", "ceph tell osd.* version").contains("0.94."));

            PlayResult tun = lab.run("lab-1", "ceph osd crush tunables optimal");
            assertEquals("adjusted tunables profile to optimal\n", tun.stderr());
            assertTrue(lab.out("lab-1", "ceph osd crush show-tunables").contains("\"profile\": \"jewel\""));
            assertTrue(lab.out("lab-1", "ceph -s").contains("active+remapped+backfilling"));
            lab.pass(Ceph.RECOVERY.multipliedBy(2));
            assertEquals("HEALTH_OK\n", lab.out("lab-1", "ceph health"));
        }
    }

    @Test
    void scrubbingShowsUnlessNoscrubIsSet() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.pass(Duration.ofSeconds(310));
            assertTrue(lab.out("lab-1", "ceph pg stat").contains("191 active+clean, 1 active+clean+scrubbing;"));
            lab.out("lab-1", "ceph osd set noscrub");
            assertTrue(ALL_CLEAN.matcher(lab.out("lab-1", "ceph pg stat")).find());
        }
    }

    @Test
    void twoOsdHostsDownAtOnceStopIoAndTurnHealthErrAfterFiveMinutes() {
        // Six hosts: monitors on lab-1..3, OSDs on lab-4..6, so the monitors keep their quorum.
        try (LabFixture lab = new LabFixture(6, "host-no-return@lab-5", "host-no-return@lab-6")) {
            lab.out("lab-1", "ceph osd set noout");
            lab.out("lab-5", "reboot");
            lab.out("lab-6", "reboot");
            lab.pass(Duration.ofSeconds(3));
            assertTrue(lab.out("lab-1", "ceph pg stat").contains("192 pgs: 192 undersized+degraded+peered;"));
            assertTrue(lab.out("lab-1", "ceph health").startsWith("HEALTH_WARN "), "not stuck yet");
            lab.pass(Ceph.DOWN_OUT);
            String health = lab.out("lab-1", "ceph health");
            assertTrue(health.startsWith("HEALTH_ERR 192 pgs are stuck inactive for more than 300 seconds; "), health);
            assertTrue(lab.out("lab-1", "ceph -s").contains("     health HEALTH_ERR\n"));
        }
    }

    @Test
    void oneStoppedOsdDegradesOnlyThePlacementGroupsWithAReplicaOnIt() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "service ceph stop osd.0");
            String pg = lab.out("lab-1", "ceph pg stat");
            assertTrue(pg.contains("192 pgs: 96 active+clean, 96 active+undersized+degraded;"), pg);
            assertTrue(lab.out("lab-1", "ceph osd stat").contains("6 osds: 5 up, 6 in"));
            lab.out("lab-1", "service ceph start osd.0");
            lab.pass(Ceph.RECOVERY);
            assertTrue(ALL_CLEAN.matcher(lab.out("lab-1", "ceph pg stat")).find());
        }
    }

    @Test
    void aTwentyHostLabHasThreeMonitorsAndSeventeenOsdHosts() {
        try (LabFixture lab = new LabFixture(20)) {
            String s = lab.out("lab-1", "ceph -s");
            assertTrue(s.contains("     osdmap e52: 34 osds: 34 up, 34 in\n"), s);
            assertTrue(s.contains("quorum 0,1,2 lab-1,lab-2,lab-3"), s);
            assertEquals(17, lab.out("lab-1", "openstack compute service list --service nova-compute -f value -c Host")
                    .lines().count());
            lab.out("lab-12", "reboot");
            lab.pass(Duration.ofSeconds(3));
            String pg = lab.out("lab-1", "ceph pg stat");
            assertTrue(pg.contains(" active+undersized+degraded;") && pg.contains("active+clean, "), pg);
        }
    }
}
