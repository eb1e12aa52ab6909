package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab start tests bubblewrap once, before it writes anything: the lab is started on a bubblewrap
 * that is the real one behind a script noting each call, so the test runs ({@code /bin/true}) can be
 * told from the hosts' commands.
 */
@Timeout(60)
class BubblewrapProbeTest {

    @TempDir
    Path dir;

    @Test
    void aLabStartProbesBubblewrapOnce() throws IOException {
        Path calls = dir.resolve("calls");
        Path bwrap = dir.resolve("bwrap");
        Files.writeString(bwrap, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\nexec " + Sandbox.BWRAP + " \"$@\"\n");
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwx------"));
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0), bwrap,
                EchoPlayer.factory(new EchoPlayer[1]))) {
            assertThat(LabClient.exec(lab, "lab-1", "echo up").stdout()).isEqualTo("up\n");
        }
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines.stream().filter(l -> l.endsWith(" /bin/true"))).as(String.join("\n", lines)).hasSize(1);
        assertThat(lines.stream().filter(l -> l.endsWith("echo up"))).as("the host's command went through it too")
                .hasSize(1);
    }
}
