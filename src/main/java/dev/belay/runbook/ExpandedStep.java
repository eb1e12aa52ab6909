package dev.belay.runbook;

/**
 * A step after includes are inlined. {@code qualifiedId} is the step id prefixed by the ids of the
 * include steps that brought it in ({@code upgrade-galera/stop}), so it is unique in the whole plan.
 */
public record ExpandedStep(String qualifiedId, String runbookId, Step step) {
}
