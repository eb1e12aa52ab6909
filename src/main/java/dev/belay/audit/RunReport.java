package dev.belay.audit;

import dev.belay.audit.checkpoint.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a reviewer reads about one run, gathered from the log for the exports; {@code checkpoints}
 * are the run's signed checkpoints, which a reviewer can check with ssh-keygen -Y verify.
 */
public record RunReport(RunSummary run, List<AuditEvent> timeline, List<StepDuration> steps,
                        List<AuditEvent> confirmations, List<Failure> failures, List<Downtime> downtime,
                        List<String> monitors, String reason, List<CastFile> recordings,
                        List<Checkpoint> checkpoints) {

    /** A failed check with the output lines around what was seen. */
    public record Failure(AuditEvent stored, LoggedEvent.ExpectationChecked check, String outputExcerpt) { }

    /** A monitor's down interval; {@code up} is null when it never came back during the run. */
    public record Downtime(String monitor, String host, Instant down, Instant up) {
        public Duration length(Instant runEnd) {
            Instant end = up != null ? up : runEnd;
            return end == null ? null : Duration.between(down, end);
        }
    }

    /** A terminal recording with its asciicast text. */
    public record CastFile(RecordingRef ref, String cast) { }

    private static final int CONTEXT_LINES = 5;
    private static final int TAIL_LINES = 15;

    /** Loads the report of a run, or empty when no RUN_STARTED event names it. */
    public static Optional<RunReport> load(AuditStore store, String runId) {
        Optional<RunSummary> run = store.run(runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        List<AuditEvent> timeline = store.timeline(runId);
        List<AuditEvent> confirmations = timeline.stream().filter(e -> e.type() == EventType.STEP_CONFIRMED).toList();
        List<Failure> failures = new ArrayList<>();
        Map<String, String> lastOutput = new HashMap<>();
        for (AuditEvent e : timeline) {
            LoggedEvent event = e.event();
            if (event instanceof LoggedEvent.CommandFinished f && f.outputId() != null) {
                lastOutput.put(f.stepId() + "@" + f.host(), f.outputId());
            } else if (event instanceof LoggedEvent.ExpectationChecked x && !x.passed()) {
                // The check was made against the last output of its step on its host.
                String outputId = x.outputId() != null ? x.outputId() : lastOutput.get(x.stepId() + "@" + x.host());
                failures.add(new Failure(e, x, excerpt(store, outputId, x.seen())));
            }
        }
        List<CastFile> casts = store.recordings(runId).stream()
                .map(r -> new CastFile(r, store.readRecording(r.id()).orElse(""))).toList();
        List<String> monitors = timeline.stream().map(AuditEvent::event)
                .filter(LoggedEvent.MonitorChanged.class::isInstance)
                .map(m -> ((LoggedEvent.MonitorChanged) m).monitorId()).distinct().toList();
        return Optional.of(new RunReport(run.get(), timeline, store.stepDurations(runId), confirmations,
                List.copyOf(failures), downtime(timeline), monitors, reason(run.get(), timeline), casts,
                store.checkpoints(runId)));
    }

    /** Total time each monitor was down (up to the run's end for one that never came back), by monitor name. */
    public Map<String, Duration> downtimeTotals() {
        Map<String, Duration> out = new java.util.LinkedHashMap<>();
        monitors.forEach(m -> out.put(m, Duration.ZERO));
        for (Downtime d : downtime) {
            Duration len = d.length(run.endedAt());
            out.merge(d.monitor(), len == null ? Duration.ZERO : len, Duration::plus);
        }
        return out;
    }

    /** Why the run ended as it did: the abort or rollback reason, or the end's own message; "" when nothing was said. */
    private static String reason(RunSummary run, List<AuditEvent> timeline) {
        String reason = "";
        for (AuditEvent e : timeline) {
            LoggedEvent event = e.event();
            if (event instanceof LoggedEvent.RollbackStarted r && run.outcome() == RunOutcome.ROLLED_BACK) {
                reason = r.reason() + (r.failedStepId() == null ? "" : " (step " + r.failedStepId() + " failed)");
            } else if (event instanceof LoggedEvent.RunAborted a && a.reason() != null) {
                reason = a.reason();
            } else if (event instanceof LoggedEvent.RunFinished f && reason.isEmpty() && f.message() != null) {
                reason = f.message();
            }
        }
        return reason == null ? "" : reason.strip();
    }

    private static String excerpt(AuditStore store, String outputId, String seen) {
        if (outputId == null || outputId.isEmpty()) {
            return "";
        }
        List<String> lines = store.readOutput(outputId).orElse("").lines().toList();
        seen = seen == null ? "" : seen;
        int at = -1;
        for (int i = 0; i < lines.size() && !seen.isEmpty(); i++) {
            if (lines.get(i).contains(seen)) {
                at = i;
                break;
            }
        }
        int from = at >= 0 ? Math.max(0, at - CONTEXT_LINES) : Math.max(0, lines.size() - TAIL_LINES);
        int to = at >= 0 ? Math.min(lines.size(), at + CONTEXT_LINES + 1) : lines.size();
        return String.join("\n", lines.subList(from, to));
    }

    private static List<Downtime> downtime(List<AuditEvent> timeline) {
        List<Downtime> out = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        for (AuditEvent e : timeline) {
            if (!(e.event() instanceof LoggedEvent.MonitorChanged m)) {
                continue;
            }
            String key = m.monitorId() + "@" + e.targetHost();
            if (!m.up() && !open.containsKey(key)) {
                open.put(key, out.size());
                out.add(new Downtime(m.monitorId(), e.targetHost(), e.ts(), null));
            } else if (m.up() && open.containsKey(key)) {
                int i = open.remove(key);
                Downtime d = out.get(i);
                out.set(i, new Downtime(d.monitor(), d.host(), d.down(), e.ts()));
            }
        }
        return out;
    }

    /** A one-line description of an event for timelines, in plain words. */
    public static String describe(AuditEvent e) {
        return EventText.detail(e.event());
    }
}
