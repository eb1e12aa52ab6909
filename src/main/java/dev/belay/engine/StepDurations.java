package dev.belay.engine;

import dev.belay.audit.StepSpan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step durations as a run's events show them, by the one rule of {@link StepSpan} (History measures the same way). */
public final class StepDurations {

    private StepDurations() {
    }

    /** How long each step that passed in {@code events} took (a skipped or failed step says nothing of its length). */
    public static Map<String, Duration> collect(List<RunEvent> events) {
        Map<String, StepSpan> spans = new LinkedHashMap<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.StepStarted s) {
                spans.computeIfAbsent(s.stepId(), k -> new StepSpan()).started(s.at());
            } else if (e instanceof RunEvent.StepFinished f) {
                spans.computeIfAbsent(f.stepId(), k -> new StepSpan()).finished(f.at(), f.passed());
            }
        }
        Map<String, Duration> out = new LinkedHashMap<>();
        spans.forEach((id, span) -> {
            if (span.sample() != null) {
                out.put(id, span.sample());
            }
        });
        return out;
    }
}
