package dev.belay.ssh.exec;

import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.auth.SshTarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConnectionLossTest {
    @TempDir
    Path dir;

    private SshPool poolFor(MinaServer server) throws Exception {
        Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return new SshPool(TestSettings.of(dir));
    }

    @Test
    void serverKilledMidCommandIsConnectionLostNotAnExitStatus() throws Exception {
        Path key = TestKeys.generate(dir, "id", "ed25519", "");
        MinaServer server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false);
        try (SshPool pool = poolFor(server)) {
            CountDownLatch running = new CountDownLatch(1);
            RunningExec exec = pool.connection(server.target("doomed", key))
                    .start("echo running; sleep 30", Duration.ofSeconds(40), (h, s, line) -> running.countDown());
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

            server.kill();
            ExecResult result = exec.await();

            assertThat(result.outcome()).isInstanceOf(ExecOutcome.ConnectionLost.class);
            assertThat(((ExecOutcome.ConnectionLost) result.outcome()).reason()).contains("doomed");
            assertThat(result.stdout().text()).isEqualTo("running\n");
        } finally {
            server.close();
        }
    }

    @Test
    void poolReconnectsOnDemandAfterADrop() throws Exception {
        Path key = TestKeys.generate(dir, "id", "ed25519", "");
        try (MinaServer server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false);
             SshPool pool = poolFor(server)) {
            SshTarget target = server.target("flaky", key);
            SshConnection first = pool.connection(target);
            assertThat(pool.connection(target)).as("reused while alive").isSameAs(first);

            first.close(); // the drop: the pooled connection is now dead
            ExecResult result = pool.exec(target, "echo back", Duration.ofSeconds(10), OutputListener.NONE);

            assertThat(result.outcome()).isEqualTo(new ExecOutcome.Exited(0));
            assertThat(result.stdout().text()).isEqualTo("back\n");
            assertThat(pool.connection(target)).isNotSameAs(first);
        }
    }

    @Test
    void execOnADeadConnectionIsConnectionLost() throws Exception {
        Path key = TestKeys.generate(dir, "id", "ed25519", "");
        MinaServer server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false);
        try (SshPool pool = poolFor(server)) {
            SshConnection connection = pool.connection(server.target("gone", key));
            server.kill();
            ExecResult result = connection.exec("true", Duration.ofSeconds(10), OutputListener.NONE);
            assertThat(result.outcome()).isInstanceOf(ExecOutcome.ConnectionLost.class);
        } finally {
            server.close();
        }
    }
}
