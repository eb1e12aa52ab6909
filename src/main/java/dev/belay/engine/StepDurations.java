package dev.belay.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step durations as a run's events show them: from the last start of a step to its pass. */
public final class StepDurations {

    private StepDurations() {
    }

    /** Durations of the steps that passed in {@code events} (a skipped or failed step says nothing of its length). */
    public static Map<String, Duration> collect(List<RunEvent> events) {
        Map<String, Instant> started = new HashMap<>();
        Map<String, Duration> out = new LinkedHashMap<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.StepStarted s) {
                started.put(s.stepId(), s.at());
            } else if (e instanceof RunEvent.StepFinished f && f.passed() && started.containsKey(f.stepId())) {
                out.put(f.stepId(), Duration.between(started.get(f.stepId()), f.at()));
            }
        }
        return out;
    }

    /** The median of {@code values}, or null when empty. */
    public static Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
