package dev.belay.ui.run;

import dev.belay.app.LiveRun;
import dev.belay.audit.AuditStore;
import dev.belay.engine.Plan;
import dev.belay.engine.RunController;
import dev.belay.engine.RunMode;
import dev.belay.ssh.exec.SshPool;

/**
 * A run the desktop drives: the run from the application core (controller, plan and the run's one
 * SSH pool, which its live terminals share with the engine), and what the terminals also need (the
 * audit log, null for a dry run; who types). {@link #close()} stops the engine's threads and
 * connections; the run stays resumable.
 */
public record RunSession(LiveRun run, RunMode mode, AuditStore audit, String operator) implements AutoCloseable {

    public RunController controller() {
        return run.controller();
    }

    public Plan plan() {
        return run.plan();
    }

    /** The run's SSH pool: a terminal opened on a host reuses the engine's login there. */
    public SshPool pool() {
        return run.pool();
    }

    @Override
    public void close() {
        run.close();
    }
}
