package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Durations;
import dev.belay.ssh.exec.ExecOutcome;
import dev.belay.ssh.exec.RunningExec;
import dev.belay.ssh.exec.SshConnection;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.exec.StreamKind;
import java.io.IOException;
import java.time.Duration;

/** The engine's {@link Transport} over {@code dev.belay.ssh}: one pooled connection per host, jump hosts from the inventory. */
public final class SshTransport implements Transport {

    private final SshPool pool;
    private final Inventory inventory;

    public SshTransport(SshSettings settings, Inventory inventory) {
        this.pool = new SshPool(settings);
        this.inventory = inventory;
    }

    @Override
    public ExecResult exec(Host host, String command, Duration timeout, LineListener lines, CancelToken cancel) {
        long start = System.nanoTime();
        RunningExec running;
        try {
            SshConnection c = pool.connection(SshTargets.of(inventory, host));
            running = c.start(command, timeout, (h, kind, line) -> lines.line(line, kind == StreamKind.STDERR));
        } catch (IOException | IllegalStateException e) {
            return new ExecResult(ExecResult.Outcome.CONNECTION_LOST, null, "", "", took(start),
                    "cannot reach " + host.name() + ": " + e.getMessage());
        }
        try (CancelToken.Registration ignored = cancel.onCancel(running::cancel)) {
            return map(running.await());
        } catch (InterruptedException e) {
            running.cancel();
            Thread.currentThread().interrupt();
            return new ExecResult(ExecResult.Outcome.CANCELLED, null, "", "", took(start), "interrupted");
        }
    }

    private static ExecResult map(dev.belay.ssh.exec.ExecResult r) {
        String out = r.stdout().text();
        String err = r.stderr().text();
        ExecOutcome o = r.outcome();
        if (o instanceof ExecOutcome.Exited e) {
            return ExecResult.exited(e.code(), out, err, r.elapsed());
        }
        if (o instanceof ExecOutcome.TimedOut t) {
            return new ExecResult(ExecResult.Outcome.TIMED_OUT, null, out, err, r.elapsed(),
                    "no exit within " + Durations.format(t.timeout()));
        }
        if (o instanceof ExecOutcome.Cancelled) {
            return new ExecResult(ExecResult.Outcome.CANCELLED, null, out, err, r.elapsed(), "cancelled");
        }
        if (o instanceof ExecOutcome.ConnectionLost c) {
            return new ExecResult(ExecResult.Outcome.CONNECTION_LOST, null, out, err, r.elapsed(), c.reason());
        }
        return new ExecResult(ExecResult.Outcome.FAILED, null, out, err, r.elapsed(), ((ExecOutcome.Failed) o).reason());
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        pool.close();
    }
}
