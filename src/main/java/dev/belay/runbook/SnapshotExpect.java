package dev.belay.runbook;

/** {@code SAME} turns a difference from the previous snapshot into a failure; otherwise it is shown. */
public enum SnapshotExpect { SHOW_DIFF, SAME }
