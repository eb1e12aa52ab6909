package dev.belay.ui.run;

import dev.belay.engine.CancelToken;
import dev.belay.engine.Transport;
import dev.belay.inventory.Host;
import dev.belay.ssh.exec.CapturedOutput;
import dev.belay.ssh.exec.ExecOutcome;
import dev.belay.ssh.exec.ExecResult;
import java.time.Duration;

/**
 * An in-process transport that prints {@code lines} lines on each host as fast as a remote shell
 * loop would, then exits 0: the run view under many streaming hosts, without SSH
 * (RunViewManyHostsTest, RunViewBenchmark).
 */
public record PrintingTransport(int lines) implements Transport {

    @Override
    public ExecResult exec(Host host, String command, Duration timeout, LineListener out, CancelToken cancel) {
        long t0 = System.nanoTime();
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            String line = "line " + i + " from " + host.name() + " with some padding to look like a log";
            out.line(line, false);
            all.append(line).append('\n');
        }
        return new ExecResult(host.name(), command, new ExecOutcome.Exited(0), CapturedOutput.of(all.toString()),
                CapturedOutput.NONE, Duration.ofNanos(System.nanoTime() - t0));
    }
}
