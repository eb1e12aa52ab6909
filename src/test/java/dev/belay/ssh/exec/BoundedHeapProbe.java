package dev.belay.ssh.exec;

import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.auth.SshTarget;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM with a small heap by {@link ExecTest}: streams a large output through one exec
 * and prints what it saw. Output larger than the heap can only get through if it is streamed.
 */
public final class BoundedHeapProbe {
    private BoundedHeapProbe() { }

    /** Args: port, identity file, dir holding known_hosts, command. */
    public static void main(String[] args) throws Exception {
        SshTarget target = new SshTarget("probe", "127.0.0.1", Integer.parseInt(args[0]), MinaServer.USER,
                Path.of(args[1]), List.of(), null);
        AtomicLong lines = new AtomicLong();
        AtomicLong oddLines = new AtomicLong();
        try (SshPool pool = new SshPool(TestSettings.of(Path.of(args[2])))) {
            ExecResult r = pool.exec(target, args[3], Duration.ofSeconds(50), (host, stream, line) -> {
                lines.incrementAndGet();
                if (line.length() != 100) {
                    oddLines.incrementAndGet();
                }
            });
            System.out.println("outcome=" + r.outcome() + " lines=" + lines + " odd=" + oddLines
                    + " total=" + r.stdout().totalBytes() + " retained=" + r.stdout().retainedBytes()
                    + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }
}
