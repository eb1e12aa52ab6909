package dev.belay.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the engine reads back from the log: a run's events (resume), past durations, past snapshots. */
public interface RunHistory {

    /** The durable events of {@code runId} in order; empty when the run is unknown. */
    List<RunEvent> events(String runId);

    /**
     * The events that decide a point of no return's approvals (start, handovers, resumes, requests,
     * approvals, step starts and skips, the end), in order: what another Belay on the same log wrote too.
     */
    default List<RunEvent> approvalEvents(String runId) {
        return events(runId).stream().filter(e -> e instanceof RunEvent.RunStarted || e instanceof RunEvent.Handover
                || e instanceof RunEvent.RunResumed || e instanceof RunEvent.ApprovalRequested
                || e instanceof RunEvent.StepApproved || e instanceof RunEvent.StepStarted
                || e instanceof RunEvent.StepSkipped || e instanceof RunEvent.RunFinished
                || e instanceof RunEvent.RunAborted).toList();
    }

    /** Durations of finished steps (by step id) in earlier runs of {@code runbookId}, excluding {@code exceptRunId}. */
    Map<String, List<Duration>> stepDurations(String runbookId, String exceptRunId);

    /** The latest snapshot named {@code name} for {@code host} of this runbook on this environment. */
    Optional<SnapshotRecord> lastSnapshot(String runbookId, String environment, String name, String host);

    /** A stored snapshot and the run that took it. */
    record SnapshotRecord(String runId, String content) {
    }
}
