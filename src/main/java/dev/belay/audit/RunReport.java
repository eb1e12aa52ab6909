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
                        List<CastFile> recordings, List<Checkpoint> checkpoints) {

    /** A failed check with the output lines around what was seen. */
    public record Failure(AuditEvent event, String outputExcerpt) { }

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
        List<Failure> failures = timeline.stream().filter(e -> e.type() == EventType.EXPECTATION_FAILED)
                .map(e -> new Failure(e, excerpt(store, e))).toList();
        List<CastFile> casts = store.recordings(runId).stream()
                .map(r -> new CastFile(r, store.readRecording(r.id()).orElse(""))).toList();
        return Optional.of(new RunReport(run.get(), timeline, store.stepDurations(runId), confirmations, failures,
                downtime(timeline), casts, store.checkpoints(runId)));
    }

    private static String excerpt(AuditStore store, AuditEvent failed) {
        String outputId = failed.text("outputId");
        if (outputId.isEmpty()) {
            return "";
        }
        List<String> lines = store.readOutput(outputId).orElse("").lines().toList();
        String seen = failed.text("seen");
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
            String key = e.text("monitor") + "@" + e.targetHost();
            if (e.type() == EventType.MONITOR_DOWN && !open.containsKey(key)) {
                open.put(key, out.size());
                out.add(new Downtime(e.text("monitor"), e.targetHost(), e.ts(), null));
            } else if (e.type() == EventType.MONITOR_UP && open.containsKey(key)) {
                int i = open.remove(key);
                Downtime d = out.get(i);
                out.set(i, new Downtime(d.monitor(), d.host(), d.down(), e.ts()));
            }
        }
        return out;
    }

    /** A one-line description of an event's payload for timelines. */
    public static String describe(AuditEvent e) {
        String text = switch (e.type()) {
            case RUN_STARTED -> "runbook " + e.text("runbookId") + " rev " + e.text("revision") + " on "
                    + e.text("inventory") + " (" + e.text("environment") + ")";
            case RUN_FINISHED -> "outcome " + e.text("outcome");
            case RUN_ABORTED, STEP_SKIPPED -> e.text("stepId") + " " + e.text("reason");
            case STEP_STARTED -> e.text("stepId") + " " + e.text("title");
            case STEP_FINISHED -> e.text("stepId") + " " + e.text("status");
            case STEP_CONFIRMED -> e.text("stepId") + " note: " + e.text("note");
            case COMMAND_STARTED -> e.text("command");
            case COMMAND_FINISHED -> "exit " + e.text("exitStatus") + " in " + e.text("durationMillis") + " ms";
            case EXPECTATION_PASSED, EXPECTATION_FAILED -> e.text("expectation") + ": expected "
                    + e.text("expected") + ", seen " + e.text("seen");
            case MONITOR_UP, MONITOR_DOWN -> e.text("monitor") + " " + e.text("detail");
            case NOTE -> e.text("text");
            default -> e.payload().toString();
        };
        return text.strip();
    }
}
