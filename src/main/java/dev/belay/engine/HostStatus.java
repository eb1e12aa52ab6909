package dev.belay.engine;

/** One host's state within a step. */
public enum HostStatus { PENDING, RUNNING, PASSED, FAILED, OUTCOME_UNKNOWN, NOT_TOUCHED }
