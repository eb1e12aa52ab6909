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
        LoggedEvent event = e.event();
        if (event instanceof LoggedEvent.StepStarted st) {
            Span s = span(steps, st.stepId());
            s.time.started(e.ts());
            s.title = st.title() == null ? "" : st.title();
            if (st.estimateSeconds() != null) {
                s.estimate = Duration.ofMillis(Math.round(st.estimateSeconds() * 1000));
            }
        } else if (event instanceof LoggedEvent.StepFinished f) {
            Span s = span(steps, f.stepId());
            s.status = f.passed() ? "passed" : "failed";
            s.time.finished(e.ts(), f.passed());
        } else if (event instanceof LoggedEvent.HostFinished h) {
            // A step whose hosts finished but that never ended (the run stopped) still has a length,
            // though not one that says how long the step takes.
            span(steps, h.stepId()).time.finished(e.ts(), false);
        } else if (event instanceof LoggedEvent.StepSkipped k) {
            span(steps, k.stepId()).status = "skipped";
        }
    }

    private static Span span(Map<String, Span> steps, String stepId) {
        return steps.computeIfAbsent(stepId == null ? "" : stepId, k -> new Span());
    }
}
