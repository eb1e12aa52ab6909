package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Harmless looks at what a lab host sees: its own init, an empty /run, a read-only system, masked init tools. */
@Timeout(60)
class SandboxProbeTest {

    @TempDir
    static Path dir;
    static PracticeLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir, 2, 0), Sandbox.BWRAP, EchoPlayer.factory(new EchoPlayer[1]));
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void theHostSeesItsOwnProcessTreeRunAndIdentity() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-1",
                "tr '\\0' ' ' < /proc/1/cmdline | cut -d' ' -f1; ls -A /run; ls /run/systemd 2>&1; id -u; hostname; "
                        + "ls /proc | grep -c '^[0-9]'");
        assertThat(r.stdout()).as(r.stderr()).startsWith(Sandbox.BWRAP + "\nbelay\n");
        assertThat(r.stdout()).contains("No such file or directory").contains("\n0\nlab-1\n");
        int processes = Integer.parseInt(r.stdout().strip().substring(r.stdout().strip().lastIndexOf('\n') + 1));
        assertThat(processes).as("only the sandbox's own processes").isLessThan(10);
    }

    @Test
    void theSystemIsReadOnlyAndTheHostsDirsAreItsOwn() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-2", "touch /usr/x; echo probe > /etc/probe && cat /etc/probe");
        assertThat(r.stderr()).contains("/usr/x").contains("Read-only file system");
        assertThat(r.stdout()).isEqualTo("probe\n");
        assertThat(lab.hosts().get(1).dir("etc").resolve("probe")).hasContent("probe");
        assertThat(Path.of("/etc/probe")).doesNotExist();
    }

    @Test
    void commandsRunInTheLoginShellLeadingTheirOwnProcessGroupAsOverOpenSsh() throws IOException {
        // A CentOS host runs an exec request in root's login shell, bash: pipefail is there. Belay's
        // remote wrapper keeps that shell only when it leads a process group (kill -0 -$$).
        LabClient.Result r = LabClient.exec(lab, "lab-1",
                "set -o pipefail; false | true; echo rc=$? shell=$SHELL; kill -0 -$$ && echo leader");
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("rc=1 shell=/bin/bash\nleader\n");
    }

    @Test
    void initToolsAnswerFromTheLabEvenByAbsolutePath() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-1", "command -v systemctl; /sbin/shutdown -r now; echo rc=$?");
        assertThat(r.stdout()).startsWith(Sandbox.SHIM_DIR + "/systemctl\n").contains("rc=127");
        assertThat(r.stderr()).contains("shutdown: not available on practice lab host lab-1");
    }
}
