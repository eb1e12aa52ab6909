package dev.belay.engine;

/** {@code LIVE} executes commands; {@code DRY_RUN} renders them and executes nothing. */
public enum RunMode { LIVE, DRY_RUN }
