package dev.belay.runbook;

/** One thing wrong with a runbook or inventory file, at a 1-based line and column. */
public record Problem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
