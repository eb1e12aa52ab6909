package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The played commands the shipped runbooks run against hosts, in the runbooks' order, with their
 * gates' expectations: the gate fails while the cluster is not ready and passes once it is.
 * (Pipes and awk are the real shell's on the lab; here their effect is taken in Java.)
 */
class RunbookGatesTest {

    /** host-os-upgrade's gate: running kernel equals the newest installed one, and the system runs. */
    private static boolean kernelCurrent(LabFixture lab, String host) {
        if (!lab.cluster.isUp(host)) {
            return false;
        }
        String running = lab.out(host, "uname -r").trim();
        String newest = lab.out(host, "rpm -q --last kernel").lines().findFirst().orElseThrow().split("\\s+")[0]
                .replaceFirst("^kernel-", "");
        String state = lab.run(host, "systemctl is-system-running").stdout().trim();
        return running.equals(newest) && state.matches("running|degraded");
    }

    @Test
    void hostOsUpgradeControllersOneAtATimeWithKexec() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("Enforcing\n", lab.out("lab-1", "getenforce"));
            assertTrue(lab.out("lab-1", "rpm -q kexec-tools").startsWith("kexec-tools-"));
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                assertTrue(kernelCurrent(lab, h), "a host not yet updated passes the gate");
                lab.out(h, "yum clean all");
                lab.out(h, "yum -y update");
                assertFalse(kernelCurrent(lab, h), "updated but not rebooted");
                String kernel = lab.out(h, "grubby --default-kernel").trim();
                String initrd = kernel.replace("/vmlinuz-", "/initramfs-") + ".img";
                lab.out(h, "kexec -l " + kernel + " --initrd=" + initrd + " --reuse-cmdline");
                lab.pass(Duration.ofSeconds(3));
                lab.out(h, "systemctl kexec");
                lab.pass(Duration.ofSeconds(15));
                assertFalse(lab.cluster.isUp(h), "the gate sees the host down");
                int tries = 0;
                while (!kernelCurrent(lab, h) && tries++ < 80) {
                    lab.pass(Duration.ofSeconds(15));
                }
                assertTrue(kernelCurrent(lab, h), "back on the new kernel within the gate's 20 minutes");
                assertTrue(tries <= 4, "kexec boots fast: " + tries + " retries");
                assertTrue(lab.cluster.services().isRunning(h, "mariadb") && lab.cluster.services().isRunning(h, "rabbitmq"));
            }
            assertTrue(lab.cluster.hostFiles("lab-3").get("/etc/redhat-release").matches("CentOS Linux release 7\\.4\\.\\d+ \\(Core\\) \n"));
        }
    }

    @Test
    void aControllerThatDoesNotComeBackKeepsTheGateClosed() {
        try (LabFixture lab = new LabFixture(3, "host-no-return@lab-1")) {
            lab.out("lab-1", "yum -y update");
            lab.out("lab-1", "kexec -l " + lab.out("lab-1", "grubby --default-kernel").trim() + " --reuse-cmdline");
            lab.out("lab-1", "systemctl kexec");
            for (int i = 0; i < 80; i++) {
                lab.pass(Duration.ofSeconds(15));
                assertFalse(kernelCurrent(lab, "lab-1"));
            }
        }
    }

    @Test
    void computesRebootAfterTheAnnouncedDelayAndComeBackWithLibvirtAndNovaCompute() {
        try (LabFixture lab = new LabFixture(4)) {
            lab.out("lab-4", "yum clean all");
            lab.out("lab-4", "yum -y update");
            // The libvirt-dependency step: a drop-in, written by the real shell, then daemon-reload.
            HostFiles fs = lab.cluster.files();
            String show = "systemctl show -p After -p Requires openstack-nova-compute";
            assertFalse(lab.out("lab-4", show).contains("libvirtd.service"));
            fs.write("lab-4", "/etc/systemd/system/openstack-nova-compute.service.d/libvirt.conf",
                    "[Unit]\nAfter=libvirtd.service\nRequires=libvirtd.service\n");
            assertFalse(lab.out("lab-4", show).contains("libvirtd.service"), "systemd reads drop-ins at daemon-reload");
            lab.out("lab-4", "systemctl daemon-reload");
            String deps = lab.out("lab-4", show);
            assertTrue(Pattern.compile("(?m)^After=.*libvirtd\\.service").matcher(deps).find(), deps);
            assertTrue(Pattern.compile("(?m)^Requires=.*libvirtd\\.service").matcher(deps).find(), deps);
            PlayResult r = lab.run("lab-4", "shutdown -r +1 'kernel update by Belay, reboot in 1 minute(s)'");
            assertTrue(r.stderr().startsWith("Shutdown scheduled for "), r.stderr());
            String gate = "systemctl is-active libvirtd openstack-nova-compute";
            assertEquals("active\nactive\n", lab.out("lab-4", gate));
            lab.pass(Duration.ofSeconds(61));
            assertFalse(lab.cluster.isUp("lab-4"));
            lab.pass(Reboots.REBOOT_BOOT_TIME);
            assertTrue(kernelCurrent(lab, "lab-4"));
            String units = lab.out("lab-4", gate);
            assertFalse(units.contains("inactive") || units.contains("failed"), units);
        }
    }

    @Test
    void verificationReadsEveryComponentHealthyOnAFreshLab() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("active\nactive\n", lab.out("lab-2", "systemctl is-active libvirtd openstack-nova-compute"));
            String catalog = lab.out("lab-1", "openstack endpoint list -f value -c 'Service Name' -c Interface -c Enabled");
            assertTrue(catalog.contains("keystone") && catalog.contains("nova") && !catalog.contains("False"));
            String nova = lab.out("lab-1", "openstack compute service list -f value -c Binary -c Host -c State");
            assertTrue(nova.contains("nova-compute") && !nova.contains("down"));
            String agents = lab.out("lab-1", "openstack network agent list -f value -c 'Agent Type' -c Host -c Alive");
            assertFalse(agents.contains("XXX") || agents.contains("False"));
            String ceph = lab.out("lab-1", "ceph health") + lab.out("lab-1", "ceph osd stat");
            assertTrue(ceph.contains("HEALTH_OK") && Pattern.compile("(\\d+) osds: \\1 up, \\1 in").matcher(ceph).find());
            String ports = lab.out("lab-1", "ss -ltnH");
            List<String> listed = ports.lines().map(l -> l.split("\\s+")[3].replaceFirst(".*:", "")).distinct().toList();
            assertTrue(listed.containsAll(List.of("22", "3306", "5000", "5672", "8774", "8778", "9200", "15672")), listed.toString());
            assertFalse(lab.out("lab-1", "openstack server list --all-projects -f value -c ID -c Name -c Status").contains("ERROR"));
            assertEquals("", lab.out("lab-1", "openstack volume list --all-projects -f value -c ID -c Status").replaceAll("(?m)^\\S+ in-use\\n", ""));
        }
    }

    @Test
    void aGaleraDrainShowsInClustercheckAndTheApiGateWaitsForTheNewContainer() {
        try (LabFixture lab = new LabFixture(3)) {
            HostFiles fs = lab.cluster.files();
            String check = "curl -s -o /dev/null -w %{http_code}\\n http://127.0.0.1:9200/";
            assertEquals("200\n", lab.out("lab-1", check));
            fs.write("lab-1", "/var/tmp/clustercheck.disabled", "");
            assertEquals("503\n", lab.out("lab-1", check));

            String api = "curl -s -o /dev/null -w %{http_code}\\n http://127.0.0.1:5000/v3";
            lab.cluster.services().stop("lab-2", "keystone", lab.cluster.clock().now());
            PlayResult stopped = lab.run("lab-2", api);
            assertEquals(7, stopped.exitCode());
            assertEquals("000\n", stopped.stdout(), "the gate's pattern ^(200|300)$ does not match");
            assertEquals("200\n", lab.out("lab-1", "curl -s -o /dev/null -w %{http_code}\\n http://10.0.0.250:5000/v3"),
                    "the VIP still answers from the other controllers");
        }
    }
}
