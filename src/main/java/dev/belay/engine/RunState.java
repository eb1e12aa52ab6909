package dev.belay.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of a run for the UI and the CLI: every step (preflight, main, rollback) with
 * per-host results, monitors, notes, and what the engine waits for ({@code awaiting}, null while busy).
 */
public record RunState(String runId, String runbookId, String title, String environment, String operator,
                       RunMode mode, boolean rehearsal, boolean autoConfirm, Instant startedAt, Instant windowEnd,
                       Instant endedAt, RunStatus status, Phase phase, List<StepState> steps,
                       List<MonitorState> monitors, List<String> notes, List<String> warnings,
                       boolean preflightOverridden, boolean pointOfNoReturnPassed, boolean rollbackStarted,
                       Awaiting awaiting, List<ApprovalState> approvals) {

    public RunState {
        approvals = List.copyOf(approvals);
        steps = List.copyOf(steps);
        monitors = List.copyOf(monitors);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public Optional<StepState> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The approvals of a point of no return (who approved, who is still needed), if {@code stepId} is one. */
    public Optional<ApprovalState> approval(String stepId) {
        return approvals.stream().filter(a -> a.stepId().equals(stepId)).findFirst();
    }

    public List<StepState> phase(Phase p) {
        return steps.stream().filter(s -> s.phase() == p).toList();
    }

    /** "step@host" for every command whose outcome is unknown. */
    public List<String> unknownOutcomes() {
        return steps.stream().flatMap(s -> s.hosts().stream().filter(h -> h.status() == HostStatus.OUTCOME_UNKNOWN)
                .map(h -> s.id() + "@" + h.host())).toList();
    }
}
