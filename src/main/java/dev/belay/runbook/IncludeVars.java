package dev.belay.runbook;

import java.util.Objects;

/**
 * Vars pass through an {@code include:}: the including runbook and every included one share one set
 * of values. Two declarations of one name must therefore agree on what a value means when none is
 * given (the default) and on whether it is a secret; a differing prompt is harmless.
 */
public final class IncludeVars {

    private IncludeVars() {
    }

    /** Null when {@code had} and {@code added} can share one value, else what differs. */
    public static String clash(VarSpec had, VarSpec added) {
        if (!Objects.equals(had.defaultValue(), added.defaultValue())) {
            return "has default " + shown(added.defaultValue()) + " but is already declared with default "
                    + shown(had.defaultValue());
        }
        if (had.secret() != added.secret()) {
            return (added.secret() ? "is secret" : "is not secret") + " but is already declared "
                    + (had.secret() ? "secret" : "not secret");
        }
        return null;
    }

    private static String shown(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
