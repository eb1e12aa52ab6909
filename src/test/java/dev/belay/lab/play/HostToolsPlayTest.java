package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** df, findmnt, getent, hostname, ping, systemd-run and the compute service switch, played from the lab's state. */
class HostToolsPlayTest {

    @Test
    void dfReportsTheRootFileSystemAndAFullDiskUnderTheFault() {
        try (LabFixture lab = new LabFixture(3, "disk-full@lab-2")) {
            String ok = lab.out("lab-1", "df -Pm /var");
            String[] lines = ok.split("\n");
            assertEquals(2, lines.length, ok);
            assertTrue(lines[0].matches("Filesystem\\s+1048576-blocks\\s+Used\\s+Available\\s+Capacity\\s+Mounted on"), ok);
            String[] f = lines[1].trim().split("\\s+");
            assertEquals("/dev/mapper/centos-root", f[0]);
            assertEquals(Long.parseLong(f[1]) - Long.parseLong(f[2]), Long.parseLong(f[3]));
            assertTrue(Long.parseLong(f[3]) >= 2048, "a healthy host has the 2 GB the host-os preflight asks for");
            assertEquals("/", f[5]);
            String[] full = lab.out("lab-2", "df -Pm /var").split("\n")[1].trim().split("\\s+");
            assertEquals("0", full[3]);
            assertEquals("100%", full[4]);
            assertTrue(lab.out("lab-1", "df -h /").contains("Size"));
        }
    }

    @Test
    void findmntFindsTheOsdPartitionBehindADataDirectory() {
        try (LabFixture lab = new LabFixture(3)) {
            String uuid = lab.out("lab-2", "findmnt -n -o UUID --target /var/lib/ceph/osd/ceph-2").strip();
            assertTrue(uuid.matches("[0-9a-f-]{36}"), uuid);
            assertEquals("xfs\n", lab.out("lab-2", "findmnt -n -o FSTYPE --target /var/lib/ceph/osd/ceph-3/current"));
            assertEquals("/dev/sdb1 /var/lib/ceph/osd/ceph-2\n", lab.out("lab-2", "findmnt -n -o SOURCE,TARGET /var/lib/ceph/osd/ceph-2"));
            assertEquals("TARGET\n/\n", lab.out("lab-1", "findmnt -o TARGET /etc"));
        }
    }

    @Test
    void namesResolveToTheHostsAddressesUnlessTheDnsFaultPointsThemAtLoopback() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("10.0.0.12       lab-2\n", lab.out("lab-1", "getent hosts lab-2"));
            assertEquals("lab-1\n", lab.out("lab-1", "hostname -f"));
            assertEquals("10.0.0.11 \n", lab.out("lab-1", "hostname -I").replace(Network.VIP + " ", ""));
            PlayResult unknown = lab.run("lab-1", "getent hosts nowhere.example");
            assertEquals(2, unknown.exitCode());
            assertEquals("", unknown.stdout());
            lab.inject("dns-wrong@lab-2");
            assertEquals("127.0.1.1       lab-2\n", lab.out("lab-3", "getent hosts lab-2"));
            assertEquals("127.0.1.1\n", lab.out("lab-2", "hostname -i"));
            assertEquals("10.0.0.11       lab-1\n", lab.out("lab-2", "getent hosts lab-1"), "only the faulty host's name is wrong");
        }
    }

    @Test
    void pingAnswersWhileTheTargetIsUpAndTheCanaryWhileItsComputeRuns() {
        try (LabFixture lab = new LabFixture(3)) {
            String ok = lab.out("lab-1", "ping -c 1 -W 1 10.0.0.12");
            assertTrue(ok.contains("1 packets transmitted, 1 received, 0% packet loss"), ok);
            assertTrue(lab.out("lab-1", "ping -c 3 10.0.0.105").contains("3 received"), "the canary's floating IP answers");
            lab.cluster.services().stop("lab-1", "nova_compute", lab.cluster.clock().now());
            PlayResult lost = lab.run("lab-2", "ping -c 1 -W 1 10.0.0.105");
            assertEquals(1, lost.exitCode());
            assertTrue(lost.stdout().contains("1 packets transmitted, 0 received, 100% packet loss"), lost.stdout());
            assertEquals(2, lab.run("lab-1", "ping -c 1 nowhere.example").exitCode());
        }
    }

    @Test
    void systemdRunRebootsTheHostLaterOnTheLabClock() {
        try (LabFixture lab = new LabFixture(3)) {
            String bootId = lab.cluster.hostFiles("lab-2").get("/proc/sys/kernel/random/boot_id");
            PlayResult r = lab.run("lab-2", "systemd-run --on-active=2min systemctl reboot");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().startsWith("Running timer as unit run-"), r.stderr());
            lab.pass(Duration.ofSeconds(100));
            assertTrue(lab.cluster.isUp("lab-2"), "not before the timer");
            lab.pass(Duration.ofSeconds(30));
            assertTrue(!lab.cluster.isUp("lab-2"), "the timer's reboot took the host down");
            lab.pass(Duration.ofMinutes(3));
            assertTrue(lab.cluster.isUp("lab-2"));
            assertNotEquals(bootId, lab.cluster.hostFiles("lab-2").get("/proc/sys/kernel/random/boot_id"));
            PlayResult notPlayed = lab.run("lab-2", "systemd-run --on-active=5 /usr/bin/rm -rf /");
            assertEquals(1, notPlayed.exitCode());
            assertTrue(notPlayed.stderr().contains("rm is not one of them"), notPlayed.stderr());
        }
    }

    @Test
    void computeServiceSetDisablesWithAReasonAndEnablesAgain() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("", lab.out("lab-1", "openstack compute service set --disable --disable-reason 'host OS update (Belay)' lab-2 nova-compute"));
            String list = lab.out("lab-1", "openstack compute service list --service nova-compute --long -f value -c Host -c Status -c 'Disabled Reason'");
            assertTrue(list.contains("lab-2 disabled host OS update (Belay)\n"), list);
            assertTrue(list.contains("lab-1 enabled None\n"), list);
            lab.out("lab-1", "openstack compute service set --enable lab-2 nova-compute");
            assertTrue(lab.out("lab-1", "openstack compute service list --service nova-compute -f value -c Host -c Status")
                    .contains("lab-2 enabled\n"));
            assertEquals(1, lab.run("lab-1", "openstack compute service set --disable nowhere nova-compute").exitCode());
        }
    }

    @Test
    void rpmQueryFormatPrintsNameVersionAndRelease() {
        try (LabFixture lab = new LabFixture(3)) {
            String all = lab.out("lab-1", "rpm -qa --qf '%{NAME} %{VERSION}-%{RELEASE}\\n'");
            assertTrue(all.contains("kernel 3.10.0-514.el7\n"), all);
            assertTrue(all.lines().allMatch(l -> l.matches("\\S+ \\S+-\\S+")), all);
            assertEquals("ceph-common\n", lab.out("lab-1", "rpm -q --qf '%{NAME}\\n' ceph-common"));
            assertEquals(1, lab.run("lab-1", "rpm -q --qf '%{NAME}' nosuch").exitCode());
        }
    }

    @Test
    void theCanaryNetworkServerAndVolumeAreCreatedAttachedAndDeleted() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "openstack network create belay-canary -f value -c id");
            lab.out("lab-1", "openstack subnet create belay-canary --network belay-canary --subnet-range 192.0.2.0/28 -f value -c id");
            assertEquals("ACTIVE\n", lab.out("lab-1",
                    "openstack server create belay-canary --image cirros --flavor m1.tiny --network belay-canary --wait -f value -c status"));
            lab.out("lab-1", "openstack volume create belay-canary --size 1 -f value -c id");
            assertEquals("available\n", lab.out("lab-1", "openstack volume show belay-canary -f value -c status"));
            lab.out("lab-1", "openstack server add volume belay-canary belay-canary");
            assertEquals("in-use\n", lab.out("lab-1", "openstack volume show belay-canary -f value -c status"));
            assertEquals(1, lab.run("lab-1", "openstack volume delete belay-canary").exitCode(), "an attached volume stays");
            lab.out("lab-1", "openstack server set --property belay=checked belay-canary");
            assertEquals("belay='checked'\n", lab.out("lab-1", "openstack server show belay-canary -f value -c properties"));
            lab.out("lab-1", "openstack server remove volume belay-canary belay-canary");
            lab.out("lab-1", "openstack server delete --wait belay-canary");
            lab.out("lab-1", "openstack volume delete belay-canary");
            lab.out("lab-1", "openstack subnet delete belay-canary");
            lab.out("lab-1", "openstack network delete belay-canary");
            assertEquals("", lab.out("lab-1", "openstack server list --name ^belay-canary$ -f value -c ID"));
            assertEquals(1, lab.run("lab-1", "openstack network delete belay-canary").exitCode());
        }
    }
}
