package dev.belay.app;

import dev.belay.engine.Pacing;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanException;
import dev.belay.engine.PlanFiles;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.engine.RunStore;
import dev.belay.engine.SshTransport;
import dev.belay.engine.UnattendedPolicy;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.exec.SshSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The application core for runs, which both front ends drive ({@code belay run}/{@code resume} and
 * the desktop) and {@code belay test} too: it resolves a plan from the files (or rebuilds a stored
 * run's), refuses an unattended run the runbook does not allow, and starts or resumes it with one SSH
 * pool per run, which the engine's commands and the run's live terminals share (one login per host,
 * one question about an unknown host key). A dry run records nothing.
 */
public final class Runs {

    private final RunStore store;
    private final Pacing pacing;

    /**
     * Runs record into {@code store} (the audit log, one per database per process: {@link AuditStores});
     * a run on a practice lab's inventory paces on the lab's clock ({@link LabPacing#forInventory}), any
     * other on the wall's.
     */
    public Runs(RunStore store) {
        this(store, null);
    }

    private Runs(RunStore store, Pacing pacing) {
        this.store = store;
        this.pacing = pacing;
    }

    /** The same, every run paced by {@code pacing} (a lab in this process: its own clock). */
    public Runs withPacing(Pacing pacing) {
        return new Runs(store, pacing);
    }

    /**
     * The plan of {@code runbook} on {@code inventory} with {@code vars}: a dry run's shows a secret
     * nobody gave as a placeholder; a secret given too short is refused ({@link SecretValues}), and so is
     * {@code autoConfirm} where the runbook does not allow it. Every run's plan passes here or through
     * {@link #resumePlan}, so these rules are checked once, before anything opens.
     *
     * It needs no audit log: a dry run opens none.
     *
     * @throws PlanException naming each problem in the files, the short secret, or why the run may not be
     *     unattended
     */
    public static Plan plan(Path runbook, Path inventory, Map<String, String> vars, RunMode mode, boolean autoConfirm) {
        Plan plan = mode == RunMode.DRY_RUN ? PlanFiles.loadForDryRun(runbook, inventory, vars)
                : PlanFiles.load(runbook, inventory, vars);
        return checked(plan, autoConfirm);
    }

    /** The recorded start of {@code runId}: what its plan is rebuilt from. */
    public RunEvent.RunStarted recordedStart(String runId) {
        List<RunEvent> events = store.events(runId);
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.RunStarted started)) {
            throw new PlanException("run " + runId + " is not in the audit log; check the id (belay audit runs lists them)");
        }
        return started;
    }

    /** A stored run's plan, rebuilt from the files and var values it recorded plus the secrets given again. */
    public static Plan resumePlan(RunEvent.RunStarted started, Map<String, String> secrets, boolean autoConfirm) {
        return checked(PlanFiles.forResume(started, secrets), autoConfirm);
    }

    private static Plan checked(Plan plan, boolean autoConfirm) {
        SecretValues.check(plan);
        if (autoConfirm) {
            UnattendedPolicy.checkAutoConfirm(plan);
        }
        return plan;
    }

    /** Starts {@code plan} over {@code ssh}; {@code listener} sees every event from the first. */
    public LiveRun start(Plan plan, RunOptions options, SshSettings ssh, Consumer<RunEvent> listener) {
        RunStore target = options.mode() == RunMode.DRY_RUN ? new DryRunStore(store) : store;
        return open(ssh, pool -> engine(pool, plan, target).start(plan, options, listener), plan);
    }

    /** Resumes {@code runId} over {@code plan} (see {@link #resumePlan}); nothing re-runs unasked. */
    public LiveRun resume(String runId, Plan plan, RunEngine.ResumeOptions options, SshSettings ssh,
                          Consumer<RunEvent> listener) {
        return open(ssh, pool -> engine(pool, plan, store).resume(runId, options, (started, secrets) -> plan, listener),
                plan);
    }

    private RunEngine engine(SshPool pool, Plan plan, RunStore target) {
        Pacing p = pacing != null ? pacing : LabPacing.forInventory(plan.inventoryPath());
        return new RunEngine(new SshTransport(pool, plan.inventory()), target, p);
    }

    private static LiveRun open(SshSettings ssh, Function<SshPool, RunController> engine, Plan plan) {
        SshPool pool = new SshPool(ssh);
        try {
            return new LiveRun(engine.apply(pool), plan, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
