package dev.belay.ssh;

import dev.belay.ssh.exec.RunningExec;
import dev.belay.ssh.exec.SshConnector;
import dev.belay.ssh.trust.HostKeyRefused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml keeps sshj quiet about a refused host key, and Belay's own errors audible. */
@Timeout(30)
class LogNoiseTest {
    @TempDir
    Path dir;

    @Test
    void refusedHostKeyLogsNoSshjErrorsButBelayErrorsStillShow() throws Exception {
        // The suite runs in one JVM: threads of earlier test classes (a run's loop or monitor winding
        // down) may log while this test listens. Only this thread and the threads started during the
        // test (the connection's) are this test's to judge.
        Set<String> earlier = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.equals(Thread.currentThread().getName())).collect(Collectors.toSet());
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        try {
            Path key = TestKeys.generate(dir, "id", "ed25519", "");
            try (MinaServer server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false)) {
                // No known_hosts entry and the default prompt: the key is refused.
                assertThatThrownBy(() -> new SshConnector(TestSettings.of(dir)).connect(server.target("stranger", key)))
                        .isInstanceOf(HostKeyRefused.class);
            }
            LoggerFactory.getLogger(RunningExec.class).error("belay's own error (expected by LogNoiseTest)");
        } finally {
            root.detachAppender(seen);
        }
        List<ILoggingEvent> errors = seen.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .filter(e -> !earlier.contains(e.getThreadName())).toList();
        assertThat(errors).extracting(ILoggingEvent::getFormattedMessage).containsExactly("belay's own error (expected by LogNoiseTest)");
    }
}
