package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.ssh.exec.CapturedOutput;
import dev.belay.ssh.exec.ExecOutcome;
import dev.belay.ssh.exec.ExecResult;
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
    private final boolean ownsPool;

    /** A transport with its own pool, closed with it. */
    public SshTransport(SshSettings settings, Inventory inventory) {
        this(new SshPool(settings), inventory, true);
    }

    /** A transport over {@code pool}, which others (a run's live terminals) share: its owner closes it. */
    public SshTransport(SshPool pool, Inventory inventory) {
        this(pool, inventory, false);
    }

    private SshTransport(SshPool pool, Inventory inventory, boolean ownsPool) {
        this.pool = pool;
        this.inventory = inventory;
        this.ownsPool = ownsPool;
    }

    @Override
    public ExecResult exec(Host host, String command, Duration timeout, LineListener lines, CancelToken cancel) {
        long start = System.nanoTime();
        RunningExec running;
        try {
            SshConnection c = pool.connection(SshTargets.of(inventory, host));
            running = c.start(command, timeout, (h, kind, line) -> lines.line(line, kind == StreamKind.STDERR));
        } catch (IOException | IllegalStateException e) {
            return new ExecResult(host.name(), command, new ExecOutcome.ConnectionLost("cannot reach " + host.name()
                    + ": " + e.getMessage()), CapturedOutput.NONE, CapturedOutput.NONE, took(start));
        }
        try (CancelToken.Registration ignored = cancel.onCancel(running::cancel)) {
            return running.await();
        } catch (InterruptedException e) {
            running.cancel();
            Thread.currentThread().interrupt();
            return new ExecResult(host.name(), command, new ExecOutcome.Cancelled(), CapturedOutput.NONE,
                    CapturedOutput.NONE, took(start));
        }
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }
}
