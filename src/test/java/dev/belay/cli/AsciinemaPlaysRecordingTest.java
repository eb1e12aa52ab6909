package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.Recording;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.exec.PtyShell;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ui.terminal.LabTerminals;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal session on the practice lab (a real PTY over SSH) is recorded into the audit log,
 * exported with {@code belay audit cast}, and played by the real {@code asciinema cat}: what it prints
 * holds the typed command and its output. asciinema 2.2's {@code cat} opens /dev/tty, so it runs under
 * {@code script}, which gives it one. Skipped only off CI when asciinema is absent; in CI it must run.
 */
class AsciinemaPlaysRecordingTest {

    private static final String TYPED = "echo typed-$((40+2))";

    @TempDir
    Path dir;

    @Test
    void asciinemaCatShowsWhatWasTypedAndWhatCameBack() throws Exception {
        boolean inCi = System.getenv("CI") != null || System.getenv("BELAY_CI") != null;
        boolean present = new File("/usr/bin/asciinema").canExecute() || onPath("asciinema");
        if (!present && !inCi) {
            Assumptions.abort("asciinema is not installed (apt-get install asciinema); .ci/run installs it for CI");
        }
        assertThat(present).as("asciinema must be installed in CI (.ci/run installs it)").isTrue();

        String recordingId;
        String url = AuditStore.h2Url(dir.resolve("audit"));
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0));
             SshPool pool = new SshPool(LabTerminals.settings(lab, dir));
             AuditStore store = AuditStore.open(url);
             PtyShell shell = pool.openShell(LabTerminals.target(lab, "lab-1"), 80, 24);
             Recording rec = store.startRecording("cast-run", "lab-1", 80, 24, "lab-1 shell")) {
            recordingId = rec.id();
            StringBuilder seen = new StringBuilder();
            InputStream in = shell.input();
            readUntil(in, rec, seen, "$", 30); // the prompt
            rec.input(TYPED + "\r");
            shell.write(TYPED + "\r");
            readUntil(in, rec, seen, "typed-42\n", 30);
            rec.finish();
        }
        Path cast = dir.resolve("session.cast");
        Cli cli = new Cli();
        assertThat(cli.run("audit", "cast", recordingId, "--out", cast.toString(), "--db", url)).as(cli.err.toString()).isZero();

        Process p = new ProcessBuilder("script", "-qec", "asciinema cat '" + cast + "'", "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String played = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as(played).isTrue();
        assertThat(p.exitValue()).as(played).isZero();
        String text = played.replaceAll("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007]*\u0007", "").replace("\r", "");
        assertThat(text).as("the typed command, echoed by the terminal").contains(TYPED);
        assertThat(text.lines()).as("its output, on a line of its own").contains("typed-42");
        assertThat(text.indexOf("typed-42", text.indexOf(TYPED) + TYPED.length())).isPositive();
    }

    /** Reads the shell into the recording until {@code marker} shows up, or fails after {@code seconds}. */
    private static void readUntil(InputStream in, Recording rec, StringBuilder seen, String marker, int seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] buf = new byte[4096];
        while (seen.indexOf(marker) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + marker.strip() + "' from the lab shell within " + seconds + " s; saw: " + seen);
            }
            if (in.available() == 0) {
                Thread.sleep(20);
                continue;
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("the lab shell closed; saw: " + seen);
            }
            String s = new String(buf, 0, n, StandardCharsets.UTF_8);
            rec.output(s);
            seen.append(s.replace("\r", ""));
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
