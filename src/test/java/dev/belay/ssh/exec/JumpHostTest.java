package dev.belay.ssh.exec;

import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ssh.trust.HostKeyDecision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JumpHostTest {
    @TempDir
    static Path dir;
    static Path key;
    static MinaServer bastion;
    static MinaServer inner;
    static MinaServer target;

    @BeforeAll
    static void start() throws Exception {
        key = TestKeys.generate(dir, "id", "ed25519", "");
        bastion = MinaServer.start(dir.resolve("bastion.ser"), List.of(TestKeys.pub(key)), true);
        inner = MinaServer.start(dir.resolve("inner.ser"), List.of(TestKeys.pub(key)), true);
        target = MinaServer.start(dir.resolve("target.ser"), List.of(TestKeys.pub(key)), false);
        Files.writeString(dir.resolve("known_hosts"), bastion.knownHostsLine() + "\n" + inner.knownHostsLine()
                + "\n" + target.knownHostsLine() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        for (MinaServer s : List.of(bastion, inner, target)) {
            s.close();
        }
    }

    @Test
    void runsThroughAChainOfJumpHostsVerifyingEachHostKey() throws Exception {
        List<HostKeyDecision> decisions = new CopyOnWriteArrayList<>();
        SshTarget via = target.target("app", key).via(bastion.target("bastion", key), inner.target("inner", key));
        try (SshConnection c = new SshConnector(TestSettings.of(dir).withHostKeyListener(decisions::add)).connect(via)) {
            ExecResult r = c.exec("echo through", Duration.ofSeconds(10), OutputListener.NONE);
            assertThat(r.stdout().text()).isEqualTo("through\n");
        }
        assertThat(decisions).extracting(HostKeyDecision::host).containsExactly(
                "[127.0.0.1]:" + bastion.port(), "[127.0.0.1]:" + inner.port(), "[127.0.0.1]:" + target.port());
        assertThat(decisions).allMatch(d -> d instanceof HostKeyDecision.Known);
    }

    @Test
    void takesProxyJumpFromSshConfig() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host app\n  HostName 127.0.0.1\n  Port " + target.port() + "\n  User "
                + MinaServer.USER + "\n  IdentityFile " + key + "\n  ProxyJump " + MinaServer.USER + "@127.0.0.1:"
                + bastion.port() + "\nHost *\n  IdentityFile " + key + "\n");
        try {
            // The jump's port is not the target's: a direct connection would fail, so success proves the jump.
            try (SshConnection c = new SshConnector(TestSettings.of(dir)).connect(SshTarget.of("app"))) {
                assertThat(c.exec("echo jumped", Duration.ofSeconds(10), OutputListener.NONE).stdout().text())
                        .isEqualTo("jumped\n");
            }
        } finally {
            Files.delete(config);
        }
    }

    @Test
    void twentyTargetsBehindOneBastionShareOneLoginWhichIsReplacedAfterADrop() throws Exception {
        List<SshTarget> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            targets.add(target.target("app-" + i, key).via(bastion.target("bastion", key)));
        }
        int bastionBefore = bastion.sessionsCreated();
        int targetBefore = target.sessionsCreated();
        try (SshPool pool = new SshPool(TestSettings.of(dir))) {
            assertAllSucceed(execAll(pool, targets, "echo hi"));
            assertThat(bastion.sessionsCreated() - bastionBefore).as("logins to the bastion").isEqualTo(1);
            assertThat(target.sessionsCreated() - targetBefore).as("each target is its own connection").isEqualTo(20);

            List<SshConnection> before = new ArrayList<>();
            for (SshTarget t : targets) {
                before.add(pool.connection(t));
            }
            bastion.dropSessions();
            awaitAllDead(before);
            assertAllSucceed(execAll(pool, targets, "echo again"));
            assertThat(bastion.sessionsCreated() - bastionBefore).as("one new login after the drop").isEqualTo(2);
        }
    }

    /** Eight at a time, as the engine's host pool would: the logins race for the one bastion. */
    private static Map<SshTarget, ExecResult> execAll(SshPool pool, List<SshTarget> targets, String command)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            Map<SshTarget, Future<ExecResult>> running = new LinkedHashMap<>();
            for (SshTarget t : targets) {
                running.put(t, workers.submit(() -> pool.exec(t, command, Duration.ofSeconds(20), OutputListener.NONE)));
            }
            Map<SshTarget, ExecResult> results = new LinkedHashMap<>();
            for (Map.Entry<SshTarget, Future<ExecResult>> e : running.entrySet()) {
                results.put(e.getKey(), e.getValue().get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            workers.shutdownNow();
        }
    }

    private static void assertAllSucceed(Map<SshTarget, ExecResult> results) {
        assertThat(results).hasSize(20);
        results.values().forEach(r -> assertThat(r.outcome()).as(r.host()).isEqualTo(new ExecOutcome.Exited(0)));
    }

    /** Tunnelled connections notice their bastion's drop asynchronously: wait for that, bounded. */
    private static void awaitAllDead(List<SshConnection> connections) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && connections.stream().anyMatch(SshConnection::isAlive)) {
            Thread.sleep(50);
        }
        assertThat(connections).noneMatch(SshConnection::isAlive);
    }
}
