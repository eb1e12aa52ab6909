package dev.belay.audit.checkpoint;

/** One thing a checkpoint shows is wrong with the log, with the run and the sequence number it concerns. */
public record Finding(String runId, long seq, String what) {
    @Override
    public String toString() {
        return (runId == null || runId.isEmpty() ? "" : "run " + runId + ", ") + (seq > 0 ? "seq " + seq + ": " : "") + what;
    }
}
