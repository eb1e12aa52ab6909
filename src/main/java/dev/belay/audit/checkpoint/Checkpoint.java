package dev.belay.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the audit log {@code logId} had event {@code seq} with hash {@code hash}",
 * made during run {@code runId} at {@code time} by {@code signer}. The signed text is
 * {@link #message()}, rebuilt from these fields, so a stored message cannot disagree with them.
 *
 * @param logId     the hash of the log's first event: names the log a checkpoint belongs to
 * @param signature the OpenSSH SSHSIG signature (armored, namespace {@value SshSig#NAMESPACE})
 */
public record Checkpoint(String logId, String runId, long seq, String hash, Instant time, String signer,
                         String signature) {

    /** The exact bytes signed, as {@code ssh-keygen -Y verify ... < message} must be fed them. */
    public String message() {
        return "belay-audit checkpoint v1\n"
                + "log " + logId + "\n"
                + "run " + runId + "\n"
                + "seq " + seq + "\n"
                + "hash " + hash + "\n"
                + "time " + time + "\n"
                + "signer " + signer + "\n";
    }

    public byte[] messageBytes() {
        return message().getBytes(StandardCharsets.UTF_8);
    }

    /** Same statement and signature: the copy in the database and the one in the file. */
    boolean sameAs(Checkpoint o) {
        return message().equals(o.message()) && signature.strip().equals(o.signature.strip());
    }
}
