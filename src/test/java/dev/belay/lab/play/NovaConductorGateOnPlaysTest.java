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
 * nova-cells-v2-placement's rolling start gate, as written, in the real bash on what the played
 * {@code openstack compute service list} prints: after each controller starts its Nova services the
 * gate demands exactly one more conductor and scheduler up. A controller whose conductor does not
 * stay up holds the gate shut, where the old gate (any conductor up) passed.
 */
class NovaConductorGateOnPlaysTest {

    private static final List<String> NOVA = List.of("openstack-nova-api", "openstack-nova-scheduler",
            "openstack-nova-conductor", "openstack-nova-consoleauth", "openstack-nova-novncproxy");

    @TempDir
    Path dir;

    @Test
    void eachControllerMustAddOneConductorAndOneScheduler() throws Exception {
        Runbook rb = new RunbookLoader().load(Path.of("runbooks/nova-cells-v2-placement.yaml")).value();
        Step start = rb.steps().stream().filter(s -> s.id().equals("start-controllers")).findFirst().orElseThrow();

        try (LabFixture lab = new LabFixture(4)) {
            List<String> controllers = List.of("lab-1", "lab-2", "lab-3");   // a 4-host lab has three
            for (String h : controllers) {
                lab.out(h, "systemctl stop " + String.join(" ", NOVA));
            }
            Files.writeString(dir.resolve("started"), "0\n");        // what the stop-nova step writes

            lab.out("lab-1", "systemctl start " + String.join(" ", NOVA));
            assertThat(gate(lab, start)).as("lab-1 adds one of each").isTrue();

            lab.out("lab-2", "systemctl start " + String.join(" ", NOVA));
            lab.out("lab-2", "systemctl stop openstack-nova-conductor");   // its conductor dies at once
            assertThat(anyConductorUp(lab)).as("what the old gate asked").isTrue();
            assertThat(gate(lab, start)).as("lab-2's conductor is missing").isFalse();

            lab.out("lab-2", "systemctl start openstack-nova-conductor");
            assertThat(gate(lab, start)).isTrue();
            lab.out("lab-3", "systemctl start " + String.join(" ", NOVA));
            assertThat(gate(lab, start)).as("lab-3 makes three").isTrue();
        }
    }

    private static boolean anyConductorUp(LabFixture lab) {
        return lab.out("lab-1", "openstack compute service list --service nova-conductor -f value -c State")
                .lines().anyMatch("up"::equals);
    }

    private boolean gate(LabFixture lab, Step start) throws IOException, InterruptedException {
        String d = dir.toString();
        Files.writeString(dir.resolve("all"), lab.out("lab-1",
                "openstack compute service list -f value -c Binary -c Host -c State"));
        Files.writeString(dir.resolve("conductor"), lab.out("lab-1",
                "openstack compute service list --service nova-conductor -f value -c State"));
        Files.writeString(dir.resolve("scheduler"), lab.out("lab-1",
                "openstack compute service list --service nova-scheduler -f value -c State"));
        String script = "openstack() { case \"$*\" in *nova-conductor*) cat '" + d + "/conductor';;"
                + " *nova-scheduler*) cat '" + d + "/scheduler';; *) cat '" + d + "/all';; esac; }\n"
                + start.gate().command().replace(". ${openrc}", ":")
                        .replace("/var/tmp/belay-nova-started", d + "/started");
        Process p = new ProcessBuilder("bash", "-c", script).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<Expectation> expect = start.gate().expect();
        return ExpectationEvaluator.evaluate(expect, ExecResult.exited(p.exitValue(), out, err, Duration.ZERO))
                .stream().allMatch(CheckResult::passed);
    }
}
