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
 * The shipped ceph-upgrade's gates, as written, on what the plays print. The quorum checks run in
 * the real bash on the played {@code ceph quorum_status -f json}: they hold on a healthy lab and fail
 * when a monitor runs but is out of quorum (fault ceph-mon-out-of-quorum), where the old check, a
 * regex on {@code ceph mon stat}, still passed. The OSD gate stays shut while a placement group
 * scrubs, unless scrubbing is paused as the runbook now does.
 */
class CephGatesOnPlaysTest {

    private static final Path RUNBOOK = Path.of("runbooks/ceph-upgrade.yaml");

    @TempDir
    Path dir;

    @Test
    void theMonitorGateAndPreflightFailOnAMonitorOutOfQuorum() throws Exception {
        Runbook rb = new RunbookLoader().load(RUNBOOK).value();
        Step mons = rb.steps().stream().filter(s -> s.id().equals("upgrade-mons")).findFirst().orElseThrow();
        Step preflight = rb.preflight().stream().filter(s -> s.id().equals("all-mons-in-quorum")).findFirst()
                .orElseThrow();
        String preflightCommand = ((dev.belay.runbook.Action.Run) preflight.action()).command();
        List<Expectation> preflightExpect = ((dev.belay.runbook.Action.Run) preflight.action()).expect();

        try (LabFixture healthy = new LabFixture(3)) {
            String json = healthy.out("lab-1", "ceph quorum_status -f json");
            assertThat(passes(mons.gate().command(), json, mons.gate().expect())).isTrue();
            assertThat(passes(preflightCommand, json, preflightExpect)).isTrue();
        }
        try (LabFixture lab = new LabFixture(3, "ceph-mon-out-of-quorum@lab-3")) {
            String json = lab.out("lab-1", "ceph quorum_status -f json");
            assertThat(passes(mons.gate().command(), json, mons.gate().expect())).as("gate").isFalse();
            assertThat(passes(preflightCommand, json, preflightExpect)).as("preflight").isFalse();
            String monStat = lab.out("lab-1", "ceph mon stat");
            assertThat(monStat).as("what the old gate matched, and passed on").containsPattern("quorum \\d+(,\\d+)*");
        }
    }

    @Test
    void theOsdGateNeedsScrubbingPausedOrAScrubHoldsItShut() {
        Runbook rb = new RunbookLoader().load(RUNBOOK).value();
        Step osds = rb.steps().stream().filter(s -> s.id().equals("upgrade-osd-nodes")).findFirst().orElseThrow();
        assertThat(osds.gate().command().lines().map(String::strip).toList())
                .containsExactly("ceph health", "ceph osd stat", "ceph pg stat");
        assertThat(gateFailsSometimeInTenMinutes(osds, false)).as("a scrub shows as active+clean+scrubbing").isTrue();
        assertThat(gateFailsSometimeInTenMinutes(osds, true)).as("with noscrub and nodeep-scrub, as the runbook sets")
                .isFalse();
    }

    private static boolean gateFailsSometimeInTenMinutes(Step osds, boolean scrubsPaused) {
        try (LabFixture lab = new LabFixture(3)) {
            if (scrubsPaused) {
                lab.run("lab-1", "ceph osd set noscrub");
                lab.run("lab-1", "ceph osd set nodeep-scrub");
            }
            for (int i = 0; i < 45; i++) {
                String out = lab.out("lab-1", "ceph health") + lab.out("lab-1", "ceph osd stat")
                        + lab.out("lab-1", "ceph pg stat");
                boolean passed = ExpectationEvaluator.evaluate(osds.gate().expect(),
                        ExecResult.exited(0, out, "", Duration.ZERO)).stream().allMatch(CheckResult::passed);
                if (!passed) {
                    return true;
                }
                lab.pass(Duration.ofSeconds(15));
            }
            return false;
        }
    }

    /** Runs {@code script} in bash with {@code ceph} answering {@code played}; true when every expectation holds. */
    private boolean passes(String script, String played, List<Expectation> expect) throws IOException,
            InterruptedException {
        Path json = Files.writeString(dir.resolve("quorum.json"), played);
        Process p = new ProcessBuilder("bash", "-c", "ceph() { cat '" + json + "'; }\nhostname() { echo lab-3; }\n"
                + script).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<CheckResult> checks = ExpectationEvaluator.evaluate(expect,
                ExecResult.exited(p.exitValue(), out, err, Duration.ZERO));
        return checks.stream().allMatch(CheckResult::passed);
    }
}
