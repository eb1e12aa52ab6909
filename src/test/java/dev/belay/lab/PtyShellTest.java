package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Interactive shells get a real pseudo-terminal: Enter runs a line, CRLF output, a tty, resizes. */
@Timeout(60)
class PtyShellTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static PracticeLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir, 2, 0));
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void shellRunsLinesOnEnterInTheHostsHomeOnATty() throws Exception {
        try (SSHClient ssh = LabClient.connect(lab, "lab-2"); Session session = ssh.startSession()) {
            session.allocatePTY("xterm-256color", 80, 24, 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            ShellTranscript out = new ShellTranscript(shell.getInputStream());
            OutputStream in = shell.getOutputStream();

            out.await("lab-2\\$ ", WAIT);
            type(in, "echo hi\r");
            out.await("[\r\n]hi\r\n", WAIT);
            type(in, "tty; pwd; echo term=$TERM\r");
            // bubblewrap's /dev shows the sandbox's terminal as /dev/console
            out.await("[\r\n]/dev/(pts/\\d+|console)\r\n", WAIT);
            out.await("[\r\n]/root\r\n", WAIT);
            out.await("[\r\n]term=xterm-256color\r\n", WAIT);
        }
    }

    @Test
    void theRequestedSizeAndWindowChangesReachTheTerminal() throws Exception {
        try (SSHClient ssh = LabClient.connect(lab, "lab-1"); Session session = ssh.startSession()) {
            session.allocatePTY("xterm-256color", 100, 30, 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            ShellTranscript out = new ShellTranscript(shell.getInputStream());
            OutputStream in = shell.getOutputStream();

            type(in, "stty size\r");
            out.await("[\r\n]30 100\r\n", WAIT);
            shell.changeWindowDimensions(120, 40, 0, 0);
            type(in, "stty size\r");
            out.await("[\r\n]40 120\r\n", WAIT);
        }
    }

    @Test
    void theChannelClosesWhenTheShellExits() throws Exception {
        try (SSHClient ssh = LabClient.connect(lab, "lab-1"); Session session = ssh.startSession()) {
            session.allocatePTY("xterm-256color", 80, 24, 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            type(shell.getOutputStream(), "exit 3\r");
            shell.join(15, TimeUnit.SECONDS);
            assertThat(shell.isOpen()).isFalse();
        }
    }

    @Test
    void closingTheSessionKillsTheShellAndItsJobs() throws Exception {
        // nohup: a hangup alone would not stop this job; only killing the process tree does.
        try (SSHClient ssh = LabClient.connect(lab, "lab-2"); Session session = ssh.startSession()) {
            session.allocatePTY("xterm-256color", 80, 24, 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            ShellTranscript out = new ShellTranscript(shell.getInputStream());
            type(shell.getOutputStream(), "nohup sleep 30202 >/dev/null 2>&1 & echo job=$!\r");
            out.await("[\r\n]job=(\\d+)\r\n", WAIT);
            assertThat(LabClient.awaitProcess("sleep 30202", 10)).isPresent();
        }
        assertThat(LabClient.awaitGone("sleep 30202", 10)).as("the shell's job outlived the session").isTrue();
    }

    private static void type(OutputStream in, String keys) throws IOException {
        in.write(keys.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
