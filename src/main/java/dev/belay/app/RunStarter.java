package dev.belay.app;

import dev.belay.engine.Pacing;
import dev.belay.engine.Plan;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunOptions;
import dev.belay.engine.RunStore;
import dev.belay.engine.SshTransport;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.exec.SshSettings;
import java.util.function.Consumer;

/**
 * Starts and resumes runs for both front ends (the CLI's {@code run}/{@code resume} and the desktop):
 * one SSH pool per run, handed to the engine's transport and kept for the run's live terminals.
 */
public final class RunStarter {

    private final SshSettings ssh;
    private final RunStore store;
    private final Pacing pacing;

    /**
     * Runs reach hosts with {@code ssh} and record into {@code store}; a run on a practice lab's
     * inventory paces on the lab's clock ({@link LabPacing#forInventory}), any other on the wall's.
     */
    public RunStarter(SshSettings ssh, RunStore store) {
        this(ssh, store, null);
    }

    private RunStarter(SshSettings ssh, RunStore store, Pacing pacing) {
        this.ssh = ssh;
        this.store = store;
        this.pacing = pacing;
    }

    /** The same, every run paced by {@code pacing} (a lab in this process: its own clock). */
    public RunStarter withPacing(Pacing pacing) {
        return new RunStarter(ssh, store, pacing);
    }

    /** Starts {@code plan}; {@code listener} sees every event from the first. */
    public LiveRun start(Plan plan, RunOptions options, Consumer<RunEvent> listener) {
        SecretValues.check(plan);
        SshPool pool = new SshPool(ssh);
        try {
            RunController run = engine(pool, plan).start(plan, options, listener);
            return new LiveRun(run, plan, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Resumes {@code runId} over {@code plan} (rebuilt from its recorded start); nothing re-runs unasked. */
    public LiveRun resume(String runId, Plan plan, RunEngine.ResumeOptions options, Consumer<RunEvent> listener) {
        SecretValues.check(plan);
        SshPool pool = new SshPool(ssh);
        try {
            RunController run = engine(pool, plan).resume(runId, options, (started, secrets) -> plan, listener);
            return new LiveRun(run, plan, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private RunEngine engine(SshPool pool, Plan plan) {
        Pacing p = pacing != null ? pacing : LabPacing.forInventory(plan.inventoryPath());
        return new RunEngine(new SshTransport(pool, plan.inventory()), store, p);
    }
}
