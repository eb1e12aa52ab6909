package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lab host does to the machine: nothing. Destructive commands over real SSH change nothing
 * outside the lab's own directory, and the trainer's processes (this JVM, a process it started)
 * survive. The harmless probes are in {@link SandboxProbeTest}.
 */
@Timeout(90)
class SandboxSafetyTest {

    @TempDir
    static Path dir;
    static PracticeLab lab;
    /** Stands in for the trainer's files outside every directory a host gets: target/ of this build. */
    static Path trainerFiles;
    /** A marker in the real home of the user running the tests. */
    static Path homeMarker;
    static Process trainerProcess;

    @BeforeAll
    static void start() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 2, 0));
        trainerFiles = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "trainer-files");
        Files.writeString(trainerFiles.resolve("notes.txt"), "mine\n");
        Path belayHome = Files.createDirectories(Path.of(System.getProperty("user.home"), ".belay"));
        homeMarker = belayHome.resolve("sandbox-marker-" + UUID.randomUUID());
        Files.writeString(homeMarker, "trainer\n");
        trainerProcess = new ProcessBuilder("sleep", "30404").start();
    }

    @AfterAll
    static void stop() throws IOException {
        lab.close();
        trainerProcess.destroyForcibly();
        Files.deleteIfExists(homeMarker);
        HostRoot.deleteTree(trainerFiles);
    }

    @Test
    void destructiveCommandsChangeNothingOutsideTheLab() throws Exception {
        List<String> etcBefore = listing(Path.of("/etc"));
        List<String> tmpBefore = listing(Path.of("/tmp"));
        String script = String.join("; ",
                "touch /etc/x",
                "rm -rf ~/* /tmp/* /root/.belay",
                "echo owned > " + trainerFiles.resolve("notes.txt"),
                "rm -rf " + trainerFiles + "/*",
                "echo owned > " + homeMarker,
                "cat " + homeMarker,
                "systemctl stop ssh",
                "/bin/systemctl stop ssh",
                "shutdown -r now",
                "reboot",
                "kill -9 -1",
                "echo survived");
        LabClient.Result r = LabClient.exec(lab, "lab-1", script);

        assertThat(r.stdout()).as(r.stderr()).isEqualTo("survived\n");
        // systemctl, shutdown and reboot answer from the played cluster (SandboxProbeTest: the shim covers them)
        assertThat(r.stderr()).contains("Read-only file system").contains("Failed to stop ssh.service: Unit not found.")
                .doesNotContain("System has not been booted with systemd");
        assertThat(lab.hosts().get(0).dir("etc").resolve("x")).exists();
        assertThat(Path.of("/etc/x")).doesNotExist();
        assertThat(listing(Path.of("/etc"))).isEqualTo(etcBefore);
        assertThat(listing(Path.of("/tmp"))).containsAll(tmpBefore);
        assertThat(trainerFiles.resolve("notes.txt")).hasContent("mine");
        assertThat(homeMarker).hasContent("trainer");
        assertThat(trainerProcess.isAlive()).as("the trainer's process survives kill -9 -1").isTrue();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(LabClient.exec(lab, "lab-2", "echo still here").stdout()).isEqualTo("still here\n");
    }

    @Test
    void theTrainersHomeAndTheLabsKeysAreOutOfSight() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-2", "cat " + homeMarker + " " + lab.clientKeyPath() + " "
                + dir.resolve("lab").resolve("host_key") + " 2>&1 | grep -c 'No such file'");
        assertThat(r.stdout()).isEqualTo("3\n");
    }

    @Test
    void aLabWithoutBubblewrapRefusesToStartAndSaysWhatToInstall() {
        assertThatThrownBy(() -> PracticeLab.start(new LabConfig(dir.resolve("no-bwrap"), 1, 0),
                Path.of("/nonexistent/bwrap"), EchoPlayer.factory(new EchoPlayer[1])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("apt-get install bubblewrap")
                .hasMessageContaining("never without it");
        assertThat(dir.resolve("no-bwrap")).doesNotExist();
    }

    private static List<String> listing(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.map(Path::toString).sorted().toList();
        }
    }
}
