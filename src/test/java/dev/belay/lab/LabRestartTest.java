package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LabRestartTest {

    @TempDir
    Path dir;

    @Test
    void restartReusesKeysAndHomesSoOldTrustStillHolds() throws IOException {
        String hostKey;
        String clientKey;
        int port;
        try (PracticeLab first = PracticeLab.start(new LabConfig(dir, 2, 0))) {
            port = first.port();
            assertThat(LabClient.exec(first, "lab-1", "echo kept > mark").exitStatus()).isZero();
            hostKey = hostKeyOf(first);
            clientKey = Files.readString(first.clientKeyPath());
        }
        try (PracticeLab second = PracticeLab.start(new LabConfig(dir, 2, 0))) {
            assertThat(second.port()).as("the last port, free again").isEqualTo(port);
            assertThat(hostKeyOf(second)).isEqualTo(hostKey);
            assertThat(Files.readString(second.clientKeyPath())).isEqualTo(clientKey);
            assertThat(LabClient.exec(second, "lab-1", "cat mark").stdout()).isEqualTo("kept\n");
        }
    }

    @Test
    void aRestartWhoseOldPortIsTakenGetsAnotherAndRewritesTheFiles() throws IOException {
        int oldPort;
        try (PracticeLab first = PracticeLab.start(new LabConfig(dir, 1, 0))) {
            oldPort = first.port();
        }
        try (ServerSocket squatter = new ServerSocket(oldPort, 1, InetAddress.getByName("127.0.0.1"));
             PracticeLab second = PracticeLab.start(new LabConfig(dir, 1, 0))) {
            assertThat(second.port()).isNotEqualTo(oldPort);
            assertThat(Files.readString(second.knownHostsPath())).startsWith("[127.0.0.1]:" + second.port() + " ");
            assertThat(LabClient.exec(second, "lab-1", "echo up").stdout()).isEqualTo("up\n");
        }
    }

    @Test
    void aClosedLabRefusesConnections() throws IOException {
        PracticeLab lab = PracticeLab.start(new LabConfig(dir, 1, 0));
        lab.close();

        assertThat(lab.isRunning()).isFalse();
        assertThatThrownBy(() -> LabClient.exec(lab, "lab-1", "true")).isInstanceOf(IOException.class);
    }

    @Test
    void aTakenPortIsReportedWithTheFix() throws IOException {
        try (PracticeLab first = PracticeLab.start(new LabConfig(dir.resolve("a"), 1, 0))) {
            assertThatThrownBy(() -> PracticeLab.start(new LabConfig(dir.resolve("b"), 1, first.port())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void badSizesAreRefusedWithTheRange() {
        assertThatThrownBy(() -> new LabConfig(dir, 0, 0)).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new LabConfig(dir, 2, 70000)).hasMessageContaining("--port");
    }

    /** The key part of the known_hosts line, which names the port and so changes on restart. */
    private static String hostKeyOf(PracticeLab lab) throws IOException {
        return Files.readString(lab.knownHostsPath()).split(" ", 2)[1];
    }
}
