package dev.belay.runbook;

import java.time.Duration;

/**
 * One step of a runbook (also used for preflight checks and rollback steps).
 *
 * @param description     Markdown shown to the operator, or null
 * @param confirm         a tick the operator gives after the action, or null (a {@link Action.Manual}
 *                        step carries its prompt in the action instead)
 * @param when            a {@code ${var}} expression; the step is skipped unless it is true/yes/non-empty; null = always
 * @param serial          at most this many hosts at a time; null = all at once
 * @param onFailure       overrides the runbook's policy; null = inherit
 * @param snapshot        snapshot name, or null
 * @param snapshotExpect  what a difference from the last snapshot means
 * @param approvers       how many different people must approve before a point of no return starts
 *                        (the operator and {@code approvers - 1} others); 0 when the step is not one
 */
public record Step(
        String id,
        String title,
        String description,
        Action action,
        String confirm,
        String when,
        Duration estimate,
        Integer serial,
        Retry retry,
        boolean pointOfNoReturn,
        FailurePolicy onFailure,
        Gate gate,
        String snapshot,
        SnapshotExpect snapshotExpect,
        int approvers) {

    public Step {
        if (snapshotExpect == null) {
            snapshotExpect = SnapshotExpect.SHOW_DIFF;
        }
        // point_of_no_return: true is the one-person form; the count is what the engine enforces.
        approvers = pointOfNoReturn ? Math.max(1, approvers) : 0;
    }

    /** A step in the one-person form ({@code point_of_no_return: true} needs the operator's approval). */
    public Step(String id, String title, String description, Action action, String confirm, String when,
                Duration estimate, Integer serial, Retry retry, boolean pointOfNoReturn, FailurePolicy onFailure,
                Gate gate, String snapshot, SnapshotExpect snapshotExpect) {
        this(id, title, description, action, confirm, when, estimate, serial, retry, pointOfNoReturn, onFailure,
                gate, snapshot, snapshotExpect, pointOfNoReturn ? 1 : 0);
    }
}
