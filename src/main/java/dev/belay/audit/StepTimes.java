package dev.belay.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure computation of step durations from STEP_* events. */
final class StepTimes {

    private StepTimes() { }

    /** One step of one run: its time ({@link StepSpan}'s rule), estimate and final status. */
    private static final class Span {
        String title = "";
        String status = "running";
        final StepSpan time = new StepSpan();
        Duration estimate;
    }

    static List<StepDuration> compare(List<AuditEvent> run, List<AuditEvent> earlier) {
        Map<String, Map<String, Span>> earlierByRun = new LinkedHashMap<>();
        for (AuditEvent e : earlier) {
            fold(earlierByRun.computeIfAbsent(e.runId(), k -> new LinkedHashMap<>()), e);
        }
        Map<String, Span> current = new LinkedHashMap<>();
        run.forEach(e -> fold(current, e));
        List<StepDuration> out = new ArrayList<>();
        current.forEach((id, span) -> {
            List<Duration> past = earlierByRun.values().stream()
                    .map(m -> m.get(id)).filter(s -> s != null && s.time.sample() != null)
                    .map(s -> s.time.sample()).toList();
            out.add(new StepDuration(id, span.title, span.status, span.time.took(), span.estimate,
                    StepSpan.median(past), past.size()));
        });
        return out;
    }

    private static void fold(Map<String, Span> steps, AuditEvent e) {
        String id = e.text("stepId");
        if (id.isEmpty()) {
            return;
        }
        Span s = steps.computeIfAbsent(id, k -> new Span());
        switch (e.type()) {
            case STEP_STARTED -> {
                s.time.started(e.ts());
                s.title = e.text("title");
                if (e.payload().hasNonNull("estimateSeconds")) {
                    s.estimate = Duration.ofMillis(Math.round(e.payload().get("estimateSeconds").asDouble() * 1000));
                }
            }
            case STEP_FINISHED -> {
                s.status = e.text("status").isEmpty() ? "ok" : e.text("status");
                // a host's or a gate's result is logged as STEP_FINISHED too: only the step's own says passed
                s.time.finished(e.ts(), "passed".equals(s.status) || "ok".equals(s.status));
            }
            case STEP_SKIPPED -> s.status = "skipped";
            default -> { }
        }
    }
}
