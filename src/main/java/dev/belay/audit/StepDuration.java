package dev.belay.audit;

import java.time.Duration;

/**
 * How long a step took in one run, against its estimate and the median of earlier runs of the same
 * runbook. Null durations mean unknown (no estimate, step unfinished, or no earlier run).
 */
public record StepDuration(String stepId, String title, String status, Duration actual, Duration estimate,
                           Duration medianOfEarlier, int earlierRuns) {
}
