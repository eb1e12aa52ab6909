package dev.belay.lab.play;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.CheckResult;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.engine.ExpectationEvaluator;
import dev.belay.runbook.Action;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import dev.belay.runbook.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * upgrade-verification's HAProxy check, as written, in the real bash and awk on the played admin
 * socket's CSV. {@code docker exec haproxy CMD} runs CMD here, with {@code socat} answering what the
 * play answers. It passes with every server UP, fails on a server DOWN, and fails when there is no
 * admin socket, where the old check (socat on a host path that does not exist on Kolla) printed
 * {@code down_servers=0} and passed.
 */
class HaproxyCheckOnPlaysTest {

    private static final String SOCK = "socat stdio UNIX-CONNECT:/var/lib/kolla/haproxy/haproxy.sock";

    @TempDir
    Path dir;

    @Test
    void everyServerUpPassesADownServerOrNoSocketFails() throws Exception {
        Runbook rb = new RunbookLoader().load(Path.of("runbooks/upgrade-verification.yaml")).value();
        Step haproxy = rb.steps().stream().filter(s -> s.id().equals("haproxy")).findFirst().orElseThrow();
        try (LabFixture lab = new LabFixture(3)) {
            assertThat(check(haproxy, lab.run("lab-1", SOCK, "show stat\n").stdout(), true)).isTrue();
            assertThat(check(haproxy, lab.run("lab-1", SOCK, "show stat\n").stdout(), false))
                    .as("no admin socket in the container").isFalse();
            lab.cluster.services().stop("lab-2", "keystone", lab.cluster.clock().now());
            assertThat(check(haproxy, lab.run("lab-1", SOCK, "show stat\n").stdout(), true))
                    .as("keystone on lab-2 is DOWN").isFalse();
        }
    }

    private boolean check(Step step, String csv, boolean socketExists) throws IOException, InterruptedException {
        Path stats = Files.writeString(dir.resolve("stats.csv"), csv);
        String script = "docker() { [ \"$1 $2\" = 'exec haproxy' ] && shift 2 && \"$@\"; }\n"
                + "socat() { cat '" + stats + "'; }\n"
                + "test() { [ \"$1\" = -S ] && return " + (socketExists ? 0 : 1) + "; command test \"$@\"; }\n"
                + "sh() { bash \"$@\"; }\nexport -f socat\n"
                + ((Action.Run) step.action()).command();
        Process p = new ProcessBuilder("bash", "-c", script).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return ExpectationEvaluator.evaluate(((Action.Run) step.action()).expect(),
                ExecResult.exited(p.exitValue(), out, err, Duration.ZERO)).stream().allMatch(CheckResult::passed);
    }
}
