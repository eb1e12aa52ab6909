package dev.belay.ssh.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ssh.trust.HostKeyListener;
import dev.belay.ssh.trust.HostKeyPrompt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SshPoolTest {
    @TempDir
    Path dir;

    /**
     * A login can take seconds (here: a host-key question nobody has answered yet). A pool closed
     * meanwhile must not keep, or hand out, the connection that login produces: nothing would close it.
     */
    @Test
    void aLoginThatEndsAfterCloseIsClosedNotKept() throws Exception {
        Path key = TestKeys.generate(dir, "id", "ed25519", "");
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HostKeyPrompt slowUser = unknown -> {
            asked.countDown();
            try {
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HostKeyPrompt.Answer.ACCEPT_ONCE;
        };
        SshSettings settings = new SshSettings(dir.resolve("known_hosts"), dir.resolve("belay_known_hosts"),
                dir.resolve("ssh_config"), List.of(), slowUser, PassphrasePrompt.NONE, HostKeyListener.NONE,
                Duration.ofSeconds(10), 5);
        try (MinaServer server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false)) {
            SshTarget target = server.target("slow", key);
            SshPool pool = new SshPool(settings);
            CompletableFuture<SshConnection> login = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.connection(target);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(asked.await(20, TimeUnit.SECONDS)).as("login reached the host-key question").isTrue();

            pool.close();
            answer.countDown();

            assertThatThrownBy(() -> login.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("closed");
            awaitNoSessions(server);
            assertThat(server.activeSessions()).as("connections left open on the server").isZero();
        }
    }

    private static void awaitNoSessions(MinaServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.activeSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
