package dev.belay.engine;

/** Which list of the runbook a step comes from. */
public enum Phase { PREFLIGHT, MAIN, ROLLBACK }
