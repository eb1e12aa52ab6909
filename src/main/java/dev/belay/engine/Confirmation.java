package dev.belay.engine;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A tick is recorded as the confirmation (who, note, automatic or not) followed by the step's
 * finish, so the audit log times a confirmed step from its start to the tick.
 */
final class Confirmation {

    private Confirmation() {
    }

    static void record(Consumer<RunEvent> emit, Instant at, String stepId, String note, boolean auto) {
        emit.accept(new RunEvent.StepConfirmed(at, stepId, note, auto));
        emit.accept(new RunEvent.StepFinished(at, stepId, true, auto ? "confirmed automatically" : "confirmed"));
    }
}
