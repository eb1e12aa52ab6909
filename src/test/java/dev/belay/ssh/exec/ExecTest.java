package dev.belay.ssh.exec;

import dev.belay.ssh.LocalProcesses;
import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.auth.SshTarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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

@Timeout(120) // a hang guard: 200 MB through a child JVM took 14 s at load 10 on 2 cores
public class ExecTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static MinaServer server;
    static SshSettings settings;
    static Path key;
    static SshPool pool;

    @BeforeAll
    static void start() throws Exception {
        key = TestKeys.generate(dir, "id_ed25519", "ed25519", "");
        server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false);
        Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
        settings = TestSettings.of(dir);
        pool = new SshPool(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        server.close();
    }

    private static SshTarget target() {
        return server.target("exec-host", key);
    }

    @Test
    void reportsExitCodesAndKeepsStderrApart() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ExecResult result = pool.exec(target(), "echo out1; echo err1 >&2; echo out2; exit 3", LONG,
                (host, stream, line) -> lines.add(host + " " + stream + " " + line));

        assertThat(result.outcome()).isEqualTo(new ExecOutcome.Exited(3));
        assertThat(result.stdout().text()).isEqualTo("out1\nout2\n");
        assertThat(result.stderr().text()).isEqualTo("err1\n");
        assertThat(lines).contains("exec-host STDOUT out1", "exec-host STDOUT out2", "exec-host STDERR err1");
        assertThat(pool.exec(target(), "true", LONG, OutputListener.NONE).succeeded()).isTrue();
    }

    @Test
    void streamsLinesBeforeTheCommandEnds() throws Exception {
        CountDownLatch firstLine = new CountDownLatch(1);
        RunningExec running = pool.connection(target()).start("echo early; sleep 120; echo late", LONG,
                (host, stream, line) -> firstLine.countDown());
        assertThat(firstLine.await(30, TimeUnit.SECONDS)).as("line delivered while the command still runs").isTrue();
        running.cancel();
        assertThat(running.await().outcome()).isInstanceOf(ExecOutcome.Cancelled.class);
    }

    @Test
    void streams200MegabytesThroughAJvmWithA64MegabyteHeap() throws Exception {
        // A child JVM, because only there can the heap be smaller than the output.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BoundedHeapProbe.class.getName(), String.valueOf(server.port()), key.toString(), dir.toString(),
                "head -c 200000000 /dev/zero | tr '\\0' 'a' | fold -w 100")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String report = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(55, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(report).isZero();
        // fold ends the last line without a newline: 2M lines of 100 bytes, 1,999,999 newlines.
        assertThat(report).contains("outcome=Exited[code=0]", "lines=2000000 ", "odd=0 ", "total=201999999 ",
                "retained=" + (LinePump.CAPTURE_HEAD + LinePump.CAPTURE_TAIL) + " ");
    }

    @Test
    void keepsOnlyHeadAndTailOfLargeOutput() throws Exception {
        ExecResult result = pool.exec(target(), "seq 1 200000", LONG, OutputListener.NONE);
        assertThat(result.stdout().truncated()).isTrue();
        assertThat(result.stdout().retainedBytes()).isEqualTo(LinePump.CAPTURE_HEAD + LinePump.CAPTURE_TAIL);
        assertThat(result.stdout().text()).startsWith("1\n2\n3\n").contains("bytes omitted").endsWith("199999\n200000\n");
    }

    @Test
    void timesOutACommandThatOutlivesItsTimeout() throws Exception {
        // The timeout runs from the start: "started" must be out before it, which on a loaded machine
        // (a shell spawned behind the server's queue) can take over a second; 5 s leaves room.
        ExecResult result = pool.exec(target(), "echo started; sleep 60", Duration.ofSeconds(5), OutputListener.NONE);

        assertThat(result.outcome()).isEqualTo(new ExecOutcome.TimedOut(Duration.ofSeconds(5)));
        assertThat(result.stdout().text()).isEqualTo("started\n");
        assertThat(pool.exec(target(), "echo still-usable", LONG, OutputListener.NONE).stdout().text())
                .isEqualTo("still-usable\n");
    }

    @Test
    void cancelStopsTheCommand() throws Exception {
        RunningExec running = pool.connection(target()).start("sleep 30", LONG, OutputListener.NONE);
        running.cancel();
        running.cancel();

        assertThat(running.await().outcome()).isEqualTo(new ExecOutcome.Cancelled());
    }

    /** Quotes, newlines, a heredoc, $ and backslashes reach the remote shell exactly as written. */
    public static final String TRICKY = "printf '%s\\n' \"it's\" 'say \"hi\"' \\$HOME\n"
            + "cat <<'EOF'\nliteral $x `y` \\n 'q'\nEOF\n"
            + "echo \"to stderr: $((6*7))\" >&2; exit 5";

    @Test
    void commandsWithQuotesNewlinesAndHeredocsRunVerbatim() throws Exception {
        ExecResult r = pool.exec(target(), TRICKY, LONG, OutputListener.NONE);
        assertThat(r.outcome()).isEqualTo(new ExecOutcome.Exited(5));
        assertThat(r.stdout().text()).isEqualTo("it's\nsay \"hi\"\n$HOME\nliteral $x `y` \\n 'q'\n");
        assertThat(r.stderr().text()).isEqualTo("to stderr: 42\n");
        assertThat(r.command()).isEqualTo(TRICKY);
    }

    @Test
    void cancelAndTimeoutStopTheWholeRemoteProcessGroup() throws Exception {
        // MINA runs commands from its own JVM's process group: the wrapper must make a group of its own.
        String sleep = LocalProcesses.uniqueSleep();
        RunningExec running = pool.connection(target()).start(sleep + "; echo after", LONG, OutputListener.NONE);
        assertThat(LocalProcesses.awaitStarted(sleep)).isTrue();
        running.cancel();
        ExecResult cancelled = running.await();
        assertThat(cancelled.outcome()).isEqualTo(new ExecOutcome.Cancelled());
        assertThat(LocalProcesses.awaitGone(sleep)).as("remote process and its shell are gone").isTrue();
        assertThat(cancelled.stdout().text()).isEmpty();

        // The timed one says it started on its output (polling for the process could miss one the
        // timeout had already ended), with a timeout that leaves a loaded machine time to start it.
        String slept = LocalProcesses.uniqueSleep();
        RunningExec timed = pool.connection(target()).start("echo started; " + slept, Duration.ofSeconds(5),
                OutputListener.NONE);
        ExecResult timedOut = timed.await();
        assertThat(timedOut.outcome()).isEqualTo(new ExecOutcome.TimedOut(Duration.ofSeconds(5)));
        assertThat(timedOut.stdout().text()).as("the command had started before its timeout").isEqualTo("started\n");
        assertThat(LocalProcesses.awaitGone(slept)).isTrue();
    }
}
