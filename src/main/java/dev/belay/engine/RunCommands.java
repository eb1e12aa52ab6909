package dev.belay.engine;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The operator's commands on a run. Each checks that it is allowed now (throwing
 * {@link IllegalStateException} or {@link IllegalArgumentException} saying why not), then emits its
 * event; the state changes only through that event. They run on the run loop's control thread.
 */
final class RunCommands {

    private final String runId;
    private final StepContext env;
    private final RunJournal journal;
    private final RunLoop loop;

    RunCommands(String runId, StepContext env, RunLoop loop) {
        this.runId = runId;
        this.env = env;
        this.journal = env.journal();
        this.loop = loop;
    }

    void run(String stepId) {
        requireOffered(stepId, Option.RUN);
        loop.noReturn().requireApproved(stepId);
        loop.execute(stepId);
    }

    void confirm(String stepId, String note) {
        require(statusOf(stepId) == StepStatus.AWAITING_CONFIRMATION, "step '" + stepId + "' is not waiting for confirmation");
        Confirmation.record(env::emit, now(), stepId, note == null ? null : env.masker().mask(note), false);
    }

    void skip(String stepId, String reason) {
        String why = required(reason, "a reason to skip");
        StepStatus s = statusOf(stepId);
        require(s != StepStatus.RUNNING && !s.done(), "step '" + stepId + "' is " + s + " and cannot be skipped");
        Awaiting a = journal.read(RunModel::awaiting);
        if (a != null && stepId.equals(a.stepId())) {
            requireOffered(stepId, Option.SKIP);
        }
        env.emit(new RunEvent.StepSkipped(now(), stepId, env.masker().mask(why), true));
    }

    void retry(String stepId) {
        require(statusOf(stepId) == StepStatus.FAILED, "step '" + stepId + "' has not failed");
        requireOffered(null, Option.RETRY);
        loop.execute(stepId);
    }

    void abort(String reason) {
        String why = required(reason, "a reason to abort");
        require(!journal.read(m -> m.status().ended()), "run " + runId + " has already ended");
        env.cancel().cancel();
        env.emit(new RunEvent.RunAborted(now(), env.masker().mask(why)));
        loop.shutdown();
    }

    void startRollback(String reason) {
        String why = required(reason, "a reason to roll back");
        require(!loop.executing(), "a step is running; wait for it or abort");
        require(!env.plan().rollback().isEmpty(), "runbook " + env.plan().runbook().id() + " has no rollback steps");
        String failed = journal.read(m -> {
            require(!m.pointOfNoReturnPassed(), "a point of no return has been passed: rollback is no longer offered");
            require(!m.rollbackStarted() && !m.status().ended(), "rollback has already started or the run ended");
            return m.steps().stream().filter(s -> s.status() == StepStatus.FAILED)
                    .map(s -> s.planned().id()).reduce((x, y) -> y).orElse(null);
        });
        env.emit(new RunEvent.RollbackStarted(now(), env.masker().mask(why), failed));
    }

    void note(String text) {
        env.emit(new RunEvent.NoteAdded(now(), env.masker().mask(required(text, "note text"))));
    }

    void handover(String newOperator) {
        String to = required(newOperator, "the new operator's name");
        env.emit(new RunEvent.Handover(now(), journal.read(RunModel::operator), to));
    }

    void overridePreflight(String reason) {
        String why = required(reason, "a reason to override the preflight");
        requireOffered(null, Option.OVERRIDE_PREFLIGHT);
        List<String> failed = journal.read(m -> env.plan().preflight().stream().map(PlannedStep::id)
                .filter(id -> m.step(id).status() == StepStatus.FAILED).toList());
        env.emit(new RunEvent.PreflightOverridden(now(), env.masker().mask(why), failed));
    }

    /** Records the operator's decision; once no host of the step is unknown, it fails the step or runs it again. */
    void resolveUnknown(String stepId, String host, Resolution resolution, String note) {
        statusOf(stepId);
        require(journal.read(m -> m.step(stepId).hostStatus(host) == HostStatus.OUTCOME_UNKNOWN),
                "step '" + stepId + "' has no unknown outcome on host " + host);
        env.emit(new RunEvent.OutcomeResolved(now(), stepId, host, resolution, note == null ? null : env.masker().mask(note)));
        List<HostStatus> hosts = journal.read(m -> m.step(stepId).hosts().stream().map(RunModel.HostModel::status).toList());
        if (hosts.contains(HostStatus.OUTCOME_UNKNOWN)) {
            return;
        }
        if (hosts.contains(HostStatus.FAILED)) {
            env.emit(new RunEvent.StepFinished(now(), stepId, false, "marked failed by the operator"));
        } else {
            loop.execute(stepId);
        }
    }

    private void requireOffered(String stepId, Option option) {
        Awaiting a = journal.read(RunModel::awaiting);
        require(a != null && a.options().contains(option) && (stepId == null || stepId.equals(a.stepId())),
                option.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " is not offered now"
                        + (stepId == null ? "" : " for step '" + stepId + "'")
                        + (a == null ? " (a step is running)" : " (offered: " + a.options() + " for '" + a.stepId() + "')"));
    }

    private StepStatus statusOf(String stepId) {
        require(env.plan().find(stepId).isPresent(), "run " + runId + " has no step '" + stepId + "'");
        return journal.read(m -> m.step(stepId).status());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static String required(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return text.strip();
    }

    private Instant now() {
        return env.clock().instant();
    }
}
