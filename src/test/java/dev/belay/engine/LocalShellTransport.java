package dev.belay.engine;

import dev.belay.inventory.Host;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real transport without SSH for the engine's fast tests: each host is a directory under
 * {@code root}, and commands run there with {@code /bin/sh -c}. Integration tests use the lab over SSH.
 */
final class LocalShellTransport implements Transport {

    private final Path root;

    LocalShellTransport(Path root) {
        this.root = root;
    }

    Path home(String host) {
        return root.resolve(host);
    }

    @Override
    public ExecResult exec(Host host, String command, Duration timeout, LineListener lines, CancelToken cancel) {
        long start = System.nanoTime();
        try {
            Path home = Files.createDirectories(home(host.name()));
            Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(home.toFile()).start();
            cancel.onCancel(p::destroyForcibly);
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            Thread o = pump(p.getInputStream(), out, lines, false);
            Thread e = pump(p.getErrorStream(), err, lines, true);
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            o.join(5000);
            e.join(5000);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (cancel.isCancelled()) {
                return new ExecResult(ExecResult.Outcome.CANCELLED, null, out.toString(), err.toString(), took, "cancelled");
            }
            if (!done) {
                return new ExecResult(ExecResult.Outcome.TIMED_OUT, null, out.toString(), err.toString(), took,
                        "no exit within " + timeout.toMillis() + "ms");
            }
            return ExecResult.exited(p.exitValue(), out.toString(), err.toString(), took);
        } catch (IOException ex) {
            return new ExecResult(ExecResult.Outcome.CONNECTION_LOST, null, "", "", Duration.ZERO, ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new ExecResult(ExecResult.Outcome.CANCELLED, null, "", "", Duration.ZERO, "interrupted");
        }
    }

    private static Thread pump(InputStream in, StringBuilder sink, LineListener lines, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (sink) {
                        sink.append(line).append('\n');
                    }
                    lines.line(line, stderr);
                }
            } catch (IOException ignored) {
                // the process was killed: what was read is kept
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
