package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HostPlaysTest {

    @Test
    void systemctlAnswersForHostDaemonsContainerUnitsAndUnknownUnits() {
        try (LabFixture lab = new LabFixture(3)) {
            PlayResult active = lab.run("lab-1", "systemctl is-active sshd docker");
            assertEquals("active\nactive\n", active.stdout());
            assertEquals(0, active.exitCode());
            // A Kolla host has no mariadb.service: MariaDB is only the container, so systemd 219
            // answers "unknown" for the unit even while the container runs.
            assertTrue(lab.cluster.services().isRunning("lab-1", "mariadb"));
            PlayResult mariadb = lab.run("lab-1", "systemctl is-active mariadb");
            assertEquals("unknown\n", mariadb.stdout());
            assertEquals(3, mariadb.exitCode());
            PlayResult unknown = lab.run("lab-1", "systemctl is-active nosuchdb");
            assertEquals("unknown\n", unknown.stdout());
            assertEquals(3, unknown.exitCode());
            PlayResult start = lab.run("lab-1", "systemctl start nosuchdb");
            assertEquals(5, start.exitCode());
            assertEquals("Failed to start nosuchdb.service: Unit not found.\n", start.stderr());
            assertEquals("enabled\n", lab.out("lab-1", "systemctl is-enabled chronyd"));
            assertEquals("running\n", lab.out("lab-1", "systemctl is-system-running"));
            // nova-compute is tracked through systemd: the unit follows its container.
            assertEquals("active\nactive\n", lab.out("lab-2", "systemctl is-active libvirtd openstack-nova-compute"));
            lab.cluster.services().stop("lab-2", "nova_compute", lab.cluster.clock().now());
            PlayResult down = lab.run("lab-2", "systemctl is-active libvirtd openstack-nova-compute");
            assertEquals("active\ninactive\n", down.stdout());
            assertEquals(3, down.exitCode());
            lab.out("lab-2", "systemctl restart openstack-nova-compute");
            assertTrue(lab.cluster.services().isRunning("lab-2", "nova_compute"));
            String status = lab.run("lab-1", "systemctl status sshd").stdout();
            assertTrue(status.startsWith("● sshd.service - OpenSSH server daemon\n"), status);
            assertTrue(status.contains("   Active: active (running) since "), status);
            String show = lab.out("lab-2", "systemctl show -p After -p Requires openstack-nova-compute");
            assertEquals("Requires=docker.service\nAfter=syslog.target network.target docker.service\n", show);
            assertTrue(lab.out("lab-1", "systemctl list-units --type=service").startsWith("UNIT "));
        }
    }

    @Test
    void stoppingSshdOnlyMarksTheUnitAndStoppingDockerStopsItsContainers() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "systemctl stop sshd");
            assertEquals(3, lab.run("lab-1", "systemctl is-active sshd").exitCode());
            assertTrue(lab.cluster.isUp("lab-1"), "the lab keeps serving a host whose sshd unit was stopped");
            assertFalse(lab.out("lab-1", "ss -ltn").contains(":22 "));
            lab.out("lab-1", "systemctl start sshd");
            assertTrue(lab.out("lab-1", "ss -ltn").contains("*:22 "));

            lab.out("lab-1", "systemctl stop docker");
            assertFalse(lab.cluster.services().isRunning("lab-1", "keystone"));
            assertEquals("inactive\n", lab.run("lab-1", "systemctl is-active openstack-nova-api").stdout());
            lab.out("lab-1", "systemctl start docker");
            assertTrue(lab.cluster.services().isRunning("lab-1", "keystone"));
        }
    }

    @Test
    void yumUpdateInstallsTheNewKernelButTheHostRunsTheOldOneUntilItReboots() {
        try (LabFixture lab = new LabFixture(3)) {
            PlayResult check = lab.run("lab-1", "yum check-update");
            assertEquals(100, check.exitCode());
            assertTrue(check.stdout().contains("kernel.x86_64"), check.stdout());
            assertTrue(check.stdout().matches("(?s).*\nkernel\\.x86_64 +3\\.10\\.0-693\\.el7 +updates\n.*"), check.stdout());
            assertFalse(check.stdout().contains("ceph-common"), "Ceph moves only when named");
            assertTrue(lab.out("lab-1", "yum clean all").contains("Cleaning up everything"));

            lab.pass(java.time.Duration.ofMinutes(1));
            java.time.Instant before = lab.cluster.services().get("lab-1", "keystone").orElseThrow().since();
            String update = lab.out("lab-1", "yum -y update");
            Services.Unit keystone = lab.cluster.services().get("lab-1", "keystone").orElseThrow();
            assertTrue(keystone.running() && keystone.since().isAfter(before), "the docker update restarted the containers");
            assertTrue(update.contains("Installing:\n kernel "), update);
            assertTrue(update.contains("Updating:\n"), update);
            assertTrue(update.endsWith("Complete!\n"), update);
            assertEquals(0, lab.run("lab-1", "yum check-update").exitCode());
            assertEquals("3.10.0-514.el7.x86_64\n", lab.out("lab-1", "uname -r"));
            String last = lab.out("lab-1", "rpm -q --last kernel");
            assertTrue(last.startsWith("kernel-3.10.0-693.el7.x86_64 "), last);
            assertEquals("/boot/vmlinuz-3.10.0-693.el7.x86_64\n", lab.out("lab-1", "grubby --default-kernel"));
            assertEquals("CentOS Linux release 7.4.1708 (Core) \n", lab.cluster.hostFiles("lab-1").get("/etc/redhat-release"));
            assertEquals("CentOS Linux release 7.3.1611 (Core) \n", lab.cluster.hostFiles("lab-2").get("/etc/redhat-release"));
            assertEquals("package nosuch is not installed\n", lab.run("lab-1", "rpm -q nosuch").stdout());
            assertTrue(lab.out("lab-1", "rpm -q kexec-tools").startsWith("kexec-tools-2.0.14-17.el7.x86_64"));

            String ceph = lab.out("lab-1", "yum -y update ceph-mon ceph-common");
            assertTrue(ceph.contains("ceph-mon.x86_64 0:10.2.10-0.el7"), ceph);
            assertTrue(lab.out("lab-1", "yum list installed ceph-mon").contains("10.2.10-0.el7"));
            assertEquals(1, lab.run("lab-2", "yum update").exitCode(), "without -y and no terminal yum gives up");
        }
    }

    @Test
    void yumRemoveTakesAPackageAwaySoRpmQueryFails() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals(0, lab.run("lab-1", "rpm -q kexec-tools").exitCode());
            assertEquals(1, lab.run("lab-1", "yum remove kexec-tools").exitCode(), "without -y and no terminal yum gives up");
            assertEquals(0, lab.run("lab-1", "rpm -q kexec-tools").exitCode(), "nothing removed when yum gave up");
            String removed = lab.out("lab-1", "yum -y remove kexec-tools");
            assertTrue(removed.contains("Removed:\n  kexec-tools.x86_64 0:2.0.7-50.el7\n"), removed);
            PlayResult gone = lab.run("lab-1", "rpm -q kexec-tools");
            assertEquals(1, gone.exitCode());
            assertEquals("package kexec-tools is not installed\n", gone.stdout());
            assertEquals(0, lab.run("lab-2", "rpm -q kexec-tools").exitCode(), "only lab-1 lost it");
            assertTrue(lab.out("lab-1", "yum -y remove kexec-tools").contains("No Packages marked for removal"));
        }
    }

    @Test
    void kexecRebootReturnsFirstThenTheHostDropsAndComesBackOnTheNewKernelWithANewBootId() {
        try (LabFixture lab = new LabFixture(3)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            lab.cluster.addPowerListener(new PowerListener() {
                @Override
                public void wentDown(String host) {
                    heard.add("down " + host);
                }

                @Override
                public void cameUp(String host) {
                    heard.add("up " + host);
                }
            });
            String bootId = lab.cluster.hostFiles("lab-1").get("/proc/sys/kernel/random/boot_id");
            assertEquals(1, lab.run("lab-1", "systemctl kexec").exitCode(), "nothing loaded yet");
            lab.out("lab-1", "yum -y update");
            String kernel = lab.out("lab-1", "grubby --default-kernel").trim();
            lab.out("lab-1", "kexec -l " + kernel + " --initrd=/boot/initramfs-3.10.0-693.el7.x86_64.img --reuse-cmdline");
            assertEquals(0, lab.run("lab-1", "systemctl kexec").exitCode());
            assertTrue(lab.cluster.isUp("lab-1"), "the command returns before the host goes down");
            assertEquals(bootId, lab.cluster.hostFiles("lab-1").get("/proc/sys/kernel/random/boot_id"));

            lab.pass(Duration.ofSeconds(3));
            assertFalse(lab.cluster.isUp("lab-1"));
            assertEquals(List.of("down lab-1"), heard);
            assertFalse(lab.cluster.services().isRunning("lab-1", "keystone"));
            assertTrue(lab.cluster.services().isRunning("lab-2", "keystone"));

            lab.pass(Reboots.KEXEC_BOOT_TIME);
            assertTrue(lab.cluster.isUp("lab-1"));
            assertEquals(List.of("down lab-1", "up lab-1"), heard);
            assertEquals("3.10.0-693.el7.x86_64\n", lab.out("lab-1", "uname -r"));
            assertTrue(lab.out("lab-1", "uname -a").startsWith("Linux lab-1 3.10.0-693.el7.x86_64 #1 SMP"));
            assertNotEquals(bootId, lab.cluster.hostFiles("lab-1").get("/proc/sys/kernel/random/boot_id"));
            assertTrue(lab.cluster.services().isRunning("lab-1", "keystone"), "unless-stopped containers come back");
            assertEquals("active\n", lab.out("lab-1", "systemctl is-active sshd"));
        }
    }

    @Test
    void aContainerStoppedBeforeTheRebootStaysStopped() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.cluster.services().stop("lab-1", "horizon", lab.cluster.clock().now());
            lab.out("lab-1", "reboot");
            lab.pass(Duration.ofSeconds(3));
            lab.pass(Reboots.REBOOT_BOOT_TIME);
            assertTrue(lab.cluster.isUp("lab-1"));
            assertEquals("3.10.0-514.el7.x86_64\n", lab.out("lab-1", "uname -r"), "nothing new installed");
            assertTrue(lab.cluster.services().isRunning("lab-1", "keystone"));
            assertFalse(lab.cluster.services().isRunning("lab-1", "horizon"));
        }
    }

    @Test
    void hostNoReturnKeepsTheHostDown() {
        try (LabFixture lab = new LabFixture(3, "host-no-return@lab-2")) {
            lab.out("lab-2", "shutdown -r now");
            lab.pass(Duration.ofSeconds(3));
            assertFalse(lab.cluster.isUp("lab-2"));
            lab.pass(Duration.ofMinutes(30));
            assertFalse(lab.cluster.isUp("lab-2"));
            lab.out("lab-3", "reboot");
            lab.pass(Duration.ofSeconds(3));
            lab.pass(Reboots.REBOOT_BOOT_TIME);
            assertTrue(lab.cluster.isUp("lab-3"), "the fault strikes only its host");
        }
    }

    @Test
    void hostNoReturnInjectedWhileTheHostIsDownStillKeepsItDown() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "reboot");
            lab.pass(Duration.ofSeconds(3));
            assertFalse(lab.cluster.isUp("lab-1"));
            lab.faults.inject(dev.belay.lab.Fault.parse("host-no-return@lab-1"));
            lab.pass(Reboots.REBOOT_BOOT_TIME.multipliedBy(3));
            assertFalse(lab.cluster.isUp("lab-1"));
        }
    }

    @Test
    void daemonReloadReadsTheDropInsARealShellWroteUnderTheHostsRoot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path roots)
            throws Exception {
        try (LabFixture lab = new LabFixture(4)) {
            lab.cluster.attachHostFs(new DirectoryHostFiles(h -> roots.resolve(h)));
            java.nio.file.Path dir = roots.resolve("lab-4/etc/systemd/system/openstack-nova-compute.service.d");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve("libvirt.conf"), "[Unit]\nAfter=libvirtd.service\nRequires=libvirtd.service\n");
            java.nio.file.Files.writeString(dir.resolve("notes.txt"), "After=ignored.service\n");
            lab.out("lab-4", "systemctl daemon-reload");
            assertEquals("Requires=docker.service libvirtd.service\nAfter=syslog.target network.target docker.service libvirtd.service\n",
                    lab.out("lab-4", "systemctl show -p After -p Requires openstack-nova-compute"));
        }
    }

    @Test
    void thePlayedFilesAreWrittenIntoTheHostFilesAndAnOperatorsEditOfASeedStays() {
        try (LabFixture lab = new LabFixture(3)) {
            HostFiles files = lab.cluster.files();
            String bootId = files.read("lab-1", "/proc/sys/kernel/random/boot_id").orElseThrow();
            assertEquals(lab.cluster.power().of("lab-1").bootId() + "\n", bootId);
            files.write("lab-1", "/etc/nova/nova.conf", "[placement]\nusername = placement\n");
            lab.out("lab-1", "yum -y update");
            assertEquals("CentOS Linux release 7.4.1708 (Core) \n", files.read("lab-1", "/etc/redhat-release").orElseThrow());
            assertEquals("[placement]\nusername = placement\n", files.read("lab-1", "/etc/nova/nova.conf").orElseThrow());
            lab.out("lab-1", "reboot");
            lab.pass(Duration.ofSeconds(3));
            lab.pass(Reboots.REBOOT_BOOT_TIME);
            assertNotEquals(bootId, files.read("lab-1", "/proc/sys/kernel/random/boot_id").orElseThrow(),
                    "written at boot, before any command");
            lab.cluster.reset();
            assertTrue(files.read("lab-1", "/etc/nova/nova.conf").orElseThrow().startsWith("[DEFAULT]"), "a reset rewrites the seeds");
        }
    }

    @Test
    void rpmAnswersInTheOrderThePackagesWereNamed() {
        try (LabFixture lab = new LabFixture(3)) {
            PlayResult r = lab.run("lab-1", "rpm -q nosuch kexec-tools");
            assertEquals(1, r.exitCode());
            assertEquals("package nosuch is not installed\nkexec-tools-2.0.7-50.el7.x86_64\n", r.stdout());
        }
    }

    @Test
    void theOcataReleasePackageBringsItsRepositoryAndTheNewtonOneCanBeDisabled() {
        try (LabFixture lab = new LabFixture(3)) {
            String before = lab.out("lab-2", "yum repolist enabled");
            assertTrue(before.contains("\ncentos-openstack-newton/7/x86_64 "), before);
            assertFalse(before.contains("ocata"), before);
            assertTrue(before.startsWith("Loaded plugins: fastestmirror\n"), before);
            assertTrue(before.contains("\nrepolist: 15,633\n"), before);

            assertTrue(lab.out("lab-2", "yum -y install centos-release-openstack-ocata").contains("Complete!"));
            String off = lab.out("lab-2", "yum-config-manager --disable centos-openstack-newton*");
            assertTrue(off.contains("[centos-openstack-newton]\nenabled = False\n"), off);

            String after = lab.out("lab-2", "yum repolist enabled");
            assertTrue(after.contains("\ncentos-openstack-ocata/7/x86_64 "), after);
            assertFalse(after.contains("newton"), after);
            assertTrue(lab.out("lab-2", "yum repolist all").matches("(?s).*\ncentos-openstack-newton/7/x86_64 +CentOS-7 - OpenStack newton +disabled\n.*"));
            assertFalse(lab.out("lab-1", "yum repolist").contains("ocata"), "each host has its own repositories");
        }
    }

    @Test
    void delayedShutdownWarnsWaitsAndCanBeCancelled() {
        try (LabFixture lab = new LabFixture(3)) {
            PlayResult r = lab.run("lab-3", "shutdown -r +1 'kernel update'");
            assertEquals(0, r.exitCode());
            assertEquals("Shutdown scheduled for Tue 2026-12-01 10:01:00 UTC, use 'shutdown -c' to cancel.\n", r.stderr());
            lab.pass(Duration.ofSeconds(59));
            assertTrue(lab.cluster.isUp("lab-3"));
            lab.pass(Duration.ofSeconds(2));
            assertFalse(lab.cluster.isUp("lab-3"));

            lab.pass(Reboots.REBOOT_BOOT_TIME);
            lab.out("lab-3", "shutdown -r +5");
            lab.out("lab-3", "shutdown -c");
            lab.pass(Duration.ofMinutes(10));
            assertTrue(lab.cluster.isUp("lab-3"));
        }
    }

    @Test
    void curlReachesTheApisDirectlyAndThroughTheVipAndFailsAsCurlDoes() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("300\n", lab.out("lab-1", "curl -s -o /dev/null -w %{http_code}\\n http://10.0.0.250:5000/"));
            assertEquals("200", lab.out("lab-1", "curl -s -o /dev/null -w %{http_code} http://10.0.0.250:5000/v3"));
            assertTrue(lab.out("lab-1", "curl -s http://localhost:8778/").contains("\"versions\""));
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                lab.cluster.services().stop(h, "keystone", lab.cluster.clock().now());
            }
            assertEquals("503", lab.out("lab-1", "curl -s -o /dev/null -w %{http_code} http://10.0.0.250:5000/v3"));
            PlayResult f = lab.run("lab-1", "curl -sf http://10.0.0.250:5000/v3");
            assertEquals(22, f.exitCode());
            assertEquals("", f.stderr());
            PlayResult refused = lab.run("lab-2", "curl -sS -w %{http_code} http://127.0.0.1:5000/v3");
            assertEquals(7, refused.exitCode());
            assertEquals("000", refused.stdout());
            assertEquals("curl: (7) Failed connect to 127.0.0.1:5000; Connection refused\n", refused.stderr());
            assertTrue(lab.out("lab-1", "ss -ltn").contains("10.0.0.250:8774"), "lab-1 holds the VIP");
        }
    }

    @Test
    void clustercheckAnswers503WhileTheDisableFileExists() {
        try (LabFixture lab = new LabFixture(3)) {
            HostFiles fs = lab.cluster.files();
            String check = "curl -s -o /dev/null -w %{http_code} http://127.0.0.1:9200/";
            assertEquals("200", lab.out("lab-2", check));
            fs.write("lab-2", "/var/tmp/clustercheck.disabled", "");
            assertEquals("503", lab.out("lab-2", check));
            assertEquals("200", lab.out("lab-1", check));
            fs.delete("lab-2", "/var/tmp/clustercheck.disabled");
            lab.cluster.services().stop("lab-2", "mariadb", lab.cluster.clock().now());
            assertEquals("Percona XtraDB Cluster Node is not synced or non-PRIM. \r\n", lab.run("lab-2", "curl -s http://lab-2:9200/").stdout());
        }
    }

    @Test
    void diskFullFailsTheUpdate() {
        try (LabFixture lab = new LabFixture(3, "disk-full@lab-1")) {
            PlayResult r = lab.run("lab-1", "yum -y update");
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().startsWith("Error: Insufficient space in download directory"), r.stderr());
            assertEquals(100, lab.run("lab-1", "yum check-update").exitCode(), "nothing was installed");
            assertEquals(0, lab.run("lab-2", "yum -y update").exitCode());
        }
    }

    @Test
    void resetBringsBackTheFreshHosts() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "yum -y update");
            lab.out("lab-1", "systemctl stop sshd");
            lab.out("lab-2", "reboot");
            lab.cluster.reset();
            lab.pass(Duration.ofMinutes(5));
            assertTrue(lab.cluster.isUp("lab-2"));
            assertEquals(100, lab.run("lab-1", "yum check-update").exitCode());
            assertEquals("active\n", lab.out("lab-1", "systemctl is-active sshd"));
        }
    }
}
