package dev.belay.lab.play;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.CheckResult;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.engine.ExpectationEvaluator;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import dev.belay.runbook.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reboot part of host-os-upgrade's controller gate, as written, in the real bash on what the
 * played host shows (its boot id, {@code uname -r}, {@code rpm -q --last kernel}). When the update
 * brings no new kernel (Mitaka to Ocata kept the same one, liberty-to-ocata-upgrade.txt:302), a kernel
 * check alone passes before the kexec has happened; the boot id check holds the gate until it has.
 * The Galera, RabbitMQ and Ceph parts of the gate need plays that do not exist yet (docker, mysql,
 * rabbitmqctl), so their commands answer nothing here and only the reboot expectations are read.
 */
class HostRebootGateOnPlaysTest {

    @TempDir
    Path dir;

    @Test
    void theGateWaitsForTheNewBootIdEvenWhenTheKernelDidNotChange() throws Exception {
        Runbook rb = new RunbookLoader().load(Path.of("runbooks/host-os-upgrade.yaml")).value();
        Step update = rb.steps().stream().filter(s -> s.id().equals("update-controllers")).findFirst().orElseThrow();
        List<Expectation> reboot = update.gate().expect().stream()
                .filter(e -> ExpectationEvaluator.describe(e).matches(".*(rebooted|kernel_current).*")).toList();
        List<Expectation> kernelOnly = reboot.stream()
                .filter(e -> ExpectationEvaluator.describe(e).contains("kernel_current")).toList();
        assertThat(reboot).hasSize(2);

        try (LabFixture lab = new LabFixture(3)) {
            kexecWithoutWaiting(lab, "lab-1");                      // the first window: a new kernel
            rebootPasses(lab);
            assertThat(holds(lab, update.gate().command(), reboot)).as("rebooted into the new kernel").isTrue();

            kexecWithoutWaiting(lab, "lab-1");                      // the next window: the same kernel
            assertThat(holds(lab, update.gate().command(), kernelOnly))
                    .as("a kernel check alone passes before the reboot").isTrue();
            assertThat(holds(lab, update.gate().command(), reboot)).as("the boot id holds the gate").isFalse();
            rebootPasses(lab);
            assertThat(holds(lab, update.gate().command(), reboot)).as("after the kexec").isTrue();
        }
    }

    /** The host goes down a few seconds after the command, then boots (kexec is quick). */
    private static void rebootPasses(LabFixture lab) {
        lab.pass(Duration.ofSeconds(3));
        assertThat(lab.cluster.isUp("lab-1")).isFalse();
        lab.pass(Reboots.KEXEC_BOOT_TIME);
        assertThat(lab.cluster.isUp("lab-1")).isTrue();
    }

    /** What the step does on the host: update, load the default kernel, record the boot id, kexec. */
    private void kexecWithoutWaiting(LabFixture lab, String host) throws IOException {
        lab.out(host, "yum -y update");
        String kernel = lab.out(host, "grubby --default-kernel").trim();
        lab.out(host, "kexec -l " + kernel + " --initrd=" + kernel.replace("/vmlinuz-", "/initramfs-") + ".img --reuse-cmdline");
        Files.writeString(dir.resolve("before"), bootId(lab, host));
        lab.out(host, "systemctl kexec");
    }

    private static String bootId(LabFixture lab, String host) {
        return lab.cluster.hostFiles(host).get("/proc/sys/kernel/random/boot_id");
    }

    private boolean holds(LabFixture lab, String gate, List<Expectation> expect) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("boot_id"), bootId(lab, "lab-1"));
        Files.writeString(dir.resolve("uname"), lab.out("lab-1", "uname -r"));
        Files.writeString(dir.resolve("rpm"), lab.out("lab-1", "rpm -q --last kernel"));
        String d = dir.toString();
        String script = "uname() { cat '" + d + "/uname'; }\nrpm() { cat '" + d + "/rpm'; }\n"
                + "docker() { :; }\nceph() { :; }\n"
                + gate.replace("/proc/sys/kernel/random/boot_id", d + "/boot_id")
                        .replace("/var/tmp/belay-boot-id-before", d + "/before");
        Process p = new ProcessBuilder("bash", "-c", script).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return ExpectationEvaluator.evaluate(expect, ExecResult.exited(p.exitValue(), out, err, Duration.ZERO))
                .stream().allMatch(CheckResult::passed);
    }
}
