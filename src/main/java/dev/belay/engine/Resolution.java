package dev.belay.engine;

/** The operator's decision about a command whose outcome is unknown after an interruption. */
public enum Resolution {
    /** Run it again on that host. */
    RERUN,
    /** Checked by hand: it did what it should. */
    MARK_DONE,
    /** Checked by hand: it did not. */
    MARK_FAILED
}
