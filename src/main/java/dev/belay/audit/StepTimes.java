package dev.belay.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure computation of step durations from STEP_* events. */
final class StepTimes {

    private StepTimes() { }

    /** One step of one run: first start, last finish (retries included), estimate and final status. */
    private static final class Span {
        String title = "";
        String status = "running";
        java.time.Instant started;
        java.time.Instant finished;
        Duration estimate;

        Duration actual() {
            return started == null || finished == null ? null : Duration.between(started, finished);
        }
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
                    .map(m -> m.get(id)).filter(s -> s != null && s.actual() != null)
                    .map(Span::actual).sorted().toList();
            out.add(new StepDuration(id, span.title, span.status, span.actual(), span.estimate,
                    median(past), past.size()));
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
                s.started = s.started == null ? e.ts() : s.started;
                s.title = e.text("title");
                if (e.payload().hasNonNull("estimateSeconds")) {
                    s.estimate = Duration.ofMillis(Math.round(e.payload().get("estimateSeconds").asDouble() * 1000));
                }
            }
            case STEP_FINISHED -> {
                s.finished = e.ts();
                s.status = e.text("status").isEmpty() ? "ok" : e.text("status");
            }
            case STEP_SKIPPED -> s.status = "skipped";
            default -> { }
        }
    }

    static Duration median(List<Duration> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
