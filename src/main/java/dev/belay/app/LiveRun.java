package dev.belay.app;

import dev.belay.engine.Plan;
import dev.belay.engine.RunController;
import dev.belay.ssh.exec.SshPool;

/**
 * A started or resumed run: the engine's controller, the plan it runs, and the run's one SSH pool,
 * which the engine's commands and the live terminals share (one login per host, one host-key
 * question). {@link #close()} stops the engine's threads and the connections; the run stays resumable.
 */
public record LiveRun(RunController controller, Plan plan, SshPool pool) implements AutoCloseable {

    @Override
    public void close() {
        controller.close();
        pool.close();
    }
}
