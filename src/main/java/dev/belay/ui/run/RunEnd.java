package dev.belay.ui.run;

import dev.belay.engine.MonitorState;
import dev.belay.engine.Phase;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.StepState;
import dev.belay.engine.StepStatus;
import java.time.Duration;
import java.util.List;

/**
 * The end-of-run panel's content: the outcome, why, how long the run and each step took against
 * the author's estimates, and the monitors' downtime. Plain Java.
 *
 * @param reason the finish or abort message the engine recorded (null when none arrived)
 */
record RunEnd(String runId, String outcome, String reason, Duration took, Duration estimated, List<StepTime> steps,
              String downtime) {

    /** One step as the summary lists it: what became of it, how long it took, its estimate (or null). */
    record StepTime(String id, String title, String status, Duration took, Duration estimate) {
    }

    RunEnd {
        steps = List.copyOf(steps);
    }

    /** @param planEstimate the plan's estimate (the runbook's, else its steps'), or null */
    static RunEnd of(RunState s, String reason, Duration planEstimate) {
        Duration took = s.startedAt() == null || s.endedAt() == null ? Duration.ZERO
                : Duration.between(s.startedAt(), s.endedAt());
        Duration estimated = s.steps().stream().filter(x -> x.phase() != Phase.ROLLBACK || s.rollbackStarted())
                .map(StepState::estimate).filter(java.util.Objects::nonNull).reduce(Duration.ZERO, Duration::plus);
        if (planEstimate != null && !planEstimate.isZero() && !s.rollbackStarted()) {
            estimated = planEstimate;
        }
        List<StepTime> steps = s.steps().stream().map(x -> new StepTime(x.id(), x.title(), word(s, x),
                x.startedAt() == null ? null : x.duration(s.endedAt() == null ? x.startedAt() : s.endedAt()),
                x.estimate())).toList();
        return new RunEnd(s.runId(), outcome(s.status()), reason, took, estimated, steps, downtime(s));
    }

    /** The outcome in the words History, the reports and the CLI use ({@link RunStatus#label()}). */
    static String outcome(RunStatus status) {
        return switch (status) {
            case NOT_STARTED -> "not started";
            case RUNNING, WAITING_FOR_OPERATOR -> "running";
            default -> status.label().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A step's word; after a success a rollback step says "not needed", not "pending". */
    static String word(RunState run, StepState step) {
        if (step.phase() == Phase.ROLLBACK && step.status() == StepStatus.PENDING
                && run.status() == RunStatus.COMPLETED) {
            return "not needed";
        }
        if (step.status() == StepStatus.PENDING && run.status().ended()) {
            return "not run";
        }
        return StepLook.of(step.status()).word();
    }

    private static String downtime(RunState s) {
        if (s.monitors().isEmpty()) {
            return "no monitors in this runbook";
        }
        java.time.Instant end = s.endedAt() == null ? java.time.Instant.now() : s.endedAt();
        StringBuilder b = new StringBuilder();
        for (MonitorState m : s.monitors()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            Duration d = m.downtime(end);
            b.append(m.id()).append(": ").append(m.downs() == 0 ? "never down"
                    : StepLook.duration(d) + " down in " + m.downs() + " outage" + (m.downs() == 1 ? "" : "s"));
        }
        return b.toString();
    }
}
