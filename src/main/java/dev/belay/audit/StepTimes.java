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
        LoggedEvent event = e.event();
        if (event instanceof LoggedEvent.StepStarted st) {
            Span s = span(steps, st.stepId());
            s.started = s.started == null ? e.ts() : s.started;
            s.title = st.title() == null ? "" : st.title();
            if (st.estimateSeconds() != null) {
                s.estimate = Duration.ofMillis(Math.round(st.estimateSeconds() * 1000));
            }
        } else if (event instanceof LoggedEvent.StepFinished f) {
            Span s = span(steps, f.stepId());
            s.finished = e.ts();
            s.status = f.passed() ? "passed" : "failed";
        } else if (event instanceof LoggedEvent.HostFinished h) {
            // A step whose hosts finished but that never ended (the run stopped) still has a length.
            span(steps, h.stepId()).finished = e.ts();
        } else if (event instanceof LoggedEvent.StepSkipped k) {
            span(steps, k.stepId()).status = "skipped";
        }
    }

    private static Span span(Map<String, Span> steps, String stepId) {
        return steps.computeIfAbsent(stepId == null ? "" : stepId, k -> new Span());
    }

    static Duration median(List<Duration> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
