package dev.belay.audit;

/**
 * An output masked, capped and compressed, not stored yet: it is stored in the transaction of the
 * {@link AuditStore#submit(java.util.List, java.util.List)} that carries it (see {@link AuditStore#stageOutput}).
 */
public final class StagedOutput {
    private final OutputRef ref;
    final String runId;
    final String host;
    final byte[] data;

    StagedOutput(OutputRef ref, String runId, String host, byte[] data) {
        this.ref = ref;
        this.runId = runId;
        this.host = host;
        this.data = data;
    }

    /** The reference to put in the event: id, sizes and the SHA-256 of the stored text. */
    public OutputRef ref() {
        return ref;
    }
}
