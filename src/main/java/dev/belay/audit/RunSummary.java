package dev.belay.audit;

import java.time.Instant;
import java.util.List;

/**
 * A run as its start and end events describe it; {@code endedAt} is null while unfinished;
 * {@code rehearsal} when it was started as a rehearsal (on a lab, or marked so).
 */
public record RunSummary(String runId, String runbookId, String revision, String inventory, String environment,
                         Operator startedBy, List<String> operators, Instant startedAt, Instant endedAt,
                         RunOutcome outcome, boolean rehearsal) {
}
