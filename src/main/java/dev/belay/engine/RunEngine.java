package dev.belay.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts and resumes runs over a {@link Transport} and a {@link RunStore}. Both calls do I/O (they
 * record the run's first event before returning): call them off any UI thread.
 */
public final class RunEngine {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transport transport;
    private final RunStore store;
    private final Pacing pacing;
    private final Clock clock;

    /** Runs paced by {@code pacing}: a practice lab's clock and speed, or the wall clock at speed 1. */
    public RunEngine(Transport transport, RunStore store, Pacing pacing) {
        this.transport = transport;
        this.store = store;
        this.pacing = pacing;
        this.clock = pacing.clock();
    }

    public RunEngine(Transport transport, RunStore store, Clock clock) {
        this(transport, store, Pacing.real(clock));
    }

    public RunEngine(Transport transport, RunStore store) {
        this(transport, store, Clock.systemUTC());
    }

    /** Records the run's start and begins with its preflight checks. */
    public RunController start(Plan plan, RunOptions options) {
        return start(plan, options, e -> { });
    }

    /** As {@link #start(Plan, RunOptions)}, with a listener that sees the run from its first event. */
    public RunController start(Plan plan, RunOptions options, Consumer<RunEvent> listener) {
        String runId = ID_TIME.format(clock.instant()) + "-" + Integer.toHexString(0x1000 + RANDOM.nextInt(0xf000));
        store.registerSecrets(plan.secretValues());
        Run run = new Run(runId, plan, store, transport, pacing, options.autoConfirm(), options.stepByStep());
        run.addListener(listener);
        run.begin(new RunEvent.RunStarted(clock.instant(), runId, plan.runbook().id(), plan.runbook().revision(),
                plan.contentHash(), plan.runbookPath(), plan.inventoryPath(), plan.inventory().environment(),
                options.operator(), options.mode(), options.windowEnd(), options.rehearsal(), options.autoConfirm(),
                plan.publicVars()));
        return run;
    }

    /**
     * Rebuilds the plan and state of {@code runId} from its events and continues it: finished steps
     * stay finished, commands started without a finish are flagged as outcome unknown, and nothing
     * is re-run until the operator says so.
     *
     * @param plans rebuilds the plan from the recorded start (files, var values) plus {@code secretVars}
     * @throws PlanException when the run is unknown or its runbook changed since it started
     */
    public RunController resume(String runId, ResumeOptions options, PlanSource plans) {
        return resume(runId, options, plans, e -> { });
    }

    /** As {@link #resume(String, ResumeOptions, PlanSource)}, with a listener that sees the resume event. */
    public RunController resume(String runId, ResumeOptions options, PlanSource plans, Consumer<RunEvent> listener) {
        List<RunEvent> events = store.events(runId);
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.RunStarted started)) {
            throw new PlanException("run " + runId + " is not in the audit log; check the id (belay runs lists them)");
        }
        Plan plan = plans.plan(started, options.secretVars());
        if (!plan.matches(started.contentHash())) {
            throw new PlanException("run " + runId + ": runbook " + started.runbookId() + " changed since the run started "
                    + "(content hash " + started.contentHash().substring(0, 12) + " then, "
                    + plan.contentHash().substring(0, 12) + " now); restore the file as it was to resume");
        }
        store.registerSecrets(plan.secretValues());
        Run run = new Run(runId, plan, store, transport, pacing, options.autoConfirm(), options.stepByStep());
        run.replay(events);
        run.addListener(listener);
        String operator = options.operator() != null ? options.operator() : run.state().operator();
        run.begin(new RunEvent.RunResumed(clock.instant(), operator, options.autoConfirm(), run.unknownOnResume()));
        return run;
    }

    /** Rebuilds a run's plan when it resumes. */
    @FunctionalInterface
    public interface PlanSource {
        Plan plan(RunEvent.RunStarted started, Map<String, String> secretVars);
    }

    /** How a run resumes: who takes it (null: the last operator), secret var values (never stored), auto-confirm. */
    public record ResumeOptions(String operator, Map<String, String> secretVars, boolean autoConfirm, boolean stepByStep) {
        public ResumeOptions {
            secretVars = Map.copyOf(secretVars);
        }
    }
}
