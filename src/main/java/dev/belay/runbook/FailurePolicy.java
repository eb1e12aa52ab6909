package dev.belay.runbook;

/** What the engine offers when a step fails: it never moves past a failure on its own. */
public enum FailurePolicy {
    ASK, ROLLBACK, STOP;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
