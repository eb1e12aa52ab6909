package dev.belay.ssh;

import dev.belay.ssh.exec.ExecOutcome;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.ssh.exec.ExecTest;
import dev.belay.ssh.exec.OutputListener;
import dev.belay.ssh.exec.PtyShell;
import dev.belay.ssh.exec.RunningExec;
import dev.belay.ssh.exec.SshPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exec and PTY shells against Debian's real OpenSSH server (skipped where it is not installed). */
@Timeout(60)
class OpenSshTest {
    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static OpenSshServer server;
    static SshPool pool;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(OpenSshServer.available(), "/usr/sbin/sshd is not installed, or /run/sshd cannot be created");
        server = OpenSshServer.start(dir);
        pool = new SshPool(server.settings());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void execStreamsBothStreamsAndTheExitStatus() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ExecResult r = pool.exec(server.target(), "echo out; echo err >&2; exit 7", LONG,
                (h, s, line) -> lines.add(s + ":" + line));
        assertThat(r.outcome()).isEqualTo(new ExecOutcome.Exited(7));
        assertThat(lines).containsExactlyInAnyOrder("STDOUT:out", "STDERR:err");
        assertThat(r.stderr().text()).isEqualTo("err\n");
    }

    @Test
    void timeoutAndCancelEndTheRemoteCommand() throws Exception {
        // As root, sshd refuses the "signal" request, and both stops come before the login shell has
        // even reported its pid (its profile is slow here): only the wrapper's group kill ends these.
        String timedSleep = LocalProcesses.uniqueSleep();
        ExecResult timedOut = pool.exec(server.target(), timedSleep, Duration.ofMillis(500), OutputListener.NONE);
        assertThat(timedOut.outcome()).isInstanceOf(ExecOutcome.TimedOut.class);
        assertThat(LocalProcesses.awaitGone(timedSleep)).as("timed-out command gone").isTrue();

        String cancelledSleep = LocalProcesses.uniqueSleep();
        RunningExec running = pool.connection(server.target()).start(cancelledSleep, LONG, OutputListener.NONE);
        running.cancel();
        assertThat(running.await().outcome()).isEqualTo(new ExecOutcome.Cancelled());
        assertThat(LocalProcesses.awaitGone(cancelledSleep)).as("cancelled command gone").isTrue();
        assertThat(pool.exec(server.target(), "echo ok", LONG, OutputListener.NONE).succeeded()).isTrue();
    }

    @Test
    void trickyCommandsRunVerbatimInTheLoginShell() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ExecResult r = pool.exec(server.target(), ExecTest.TRICKY + "\n", LONG, (h, s, line) -> lines.add(s + ":" + line));
        assertThat(r.outcome()).isEqualTo(new ExecOutcome.Exited(5));
        assertThat(r.stdout().text()).isEqualTo("it's\nsay \"hi\"\n$HOME\nliteral $x `y` \\n 'q'\n");
        assertThat(r.stderr().text()).isEqualTo("to stderr: 42\n");
        assertThat(lines).filteredOn(l -> l.startsWith("STDERR")).containsExactly("STDERR:to stderr: 42");
    }

    @Test
    void ptyShellIsAnXtermThatFollowsResizes() throws Exception {
        PtyShell shell = pool.openShell(server.target(), 100, 30);
        try {
            TerminalReader screen = TerminalReader.start(shell.input());
            shell.write("echo \"T=$TERM C=$(tput cols)\"\n");
            assertThat(screen.awaitText("T=xterm-256color C=100")).isTrue();

            shell.resize(132, 40);
            shell.write("echo \"R=$(tput cols)x$(tput lines)\"\n");
            assertThat(screen.awaitText("R=132x40")).isTrue();

            shell.write("exit\n");
            assertThat(shell.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            shell.close();
        }
        shell.close(); // idempotent: the terminal widget closes its connector again
        assertThat(shell.isOpen()).isFalse();
    }

    /**
     * A terminal tab that closes leaves the layout, and the widget resizes its connector after the shell
     * is closed. OpenSSH answers a request on a channel it has freed by dropping the whole connection,
     * which is the pooled one that carries the run's commands to that host (seen in bench/terminal.sh).
     */
    @Test
    void aResizeAfterTheShellClosedLeavesTheHostsConnectionUp() throws Exception {
        PtyShell shell = pool.openShell(server.target(), 100, 30);
        TerminalReader screen = TerminalReader.start(shell.input());
        shell.write("echo ready-$((40+2))\n");
        assertThat(screen.awaitText("ready-42")).isTrue();
        shell.close();
        shell.resize(120, 40);

        // the server reads in order: a request it refused would have cut the connection before this exec
        ExecResult r = pool.exec(server.target(), "echo still-up", LONG, OutputListener.NONE);
        assertThat(r.outcome()).as(server.log()).isEqualTo(new ExecOutcome.Exited(0));
        assertThat(r.stdout().text()).isEqualTo("still-up\n");

        // the same when the remote side ended the shell (the operator typed exit) and the tab then resizes
        PtyShell ended = pool.openShell(server.target(), 100, 30);
        ended.write("exit\n");
        assertThat(ended.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
        ended.resize(120, 40);
        ExecResult after = pool.exec(server.target(), "echo still-up", LONG, OutputListener.NONE);
        assertThat(after.outcome()).as(server.log()).isEqualTo(new ExecOutcome.Exited(0));
        ended.close();
        assertThat(server.log()).doesNotContain("unknown channel");
    }

    /**
     * A stop (cancel or timeout) that comes after the command ended on the server but while Belay still
     * reads its output: sshd has freed the channel, so the signal request must not go (the same drop
     * of the host's connection as a late resize).
     */
    @Test
    void aCancelAfterTheCommandEndedButBeforeItsOutputIsReadLeavesTheHostsConnectionUp() throws Exception {
        CountDownLatch firstLine = new CountDownLatch(1);
        // ~110 KB: within sshj's 2 MB window, so the server sends it all and ends the channel while
        // the listener, a millisecond a line, still has most of 20,000 lines to read
        RunningExec running = pool.connection(server.target()).start("seq 1 20000", LONG, (h, s, line) -> {
            firstLine.countDown();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(firstLine.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1000); // for the server to send its exit status and CHANNEL_CLOSE; not a timing assertion
        running.cancel();
        assertThat(running.await().outcome()).isEqualTo(new ExecOutcome.Cancelled());

        ExecResult r = pool.exec(server.target(), "echo still-up", LONG, OutputListener.NONE);
        assertThat(r.outcome()).as(server.log()).isEqualTo(new ExecOutcome.Exited(0));
        assertThat(server.log()).doesNotContain("unknown channel");
    }

    /** Collects what a PTY prints on a daemon thread, so waiting for text is bounded. */
    static final class TerminalReader {
        private final StringBuffer seen = new StringBuffer();

        static TerminalReader start(InputStream in) {
            TerminalReader r = new TerminalReader();
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        r.seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException closed) {
                    // The shell ended; what was read stays available.
                }
            }, "pty-reader");
            t.setDaemon(true);
            t.start();
            return r;
        }

        boolean awaitText(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (seen.indexOf(text) >= 0) {
                    return true;
                }
                Thread.sleep(20);
            }
            return false;
        }
    }
}
