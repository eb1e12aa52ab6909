package dev.belay.ui.approval;

/** What an approver gave at a point of no return: their name, the typed environment name, an optional note. */
public record Approval(String approver, String typedEnvironment, String note) {
}
