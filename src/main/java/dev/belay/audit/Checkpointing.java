package dev.belay.audit;

import dev.belay.audit.checkpoint.Checkpoint;
import dev.belay.audit.checkpoint.CheckpointFile;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import dev.belay.audit.checkpoint.SshSig;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer side of checkpoints for one store: after appends commit, signs the last event appended
 * when a run ends, every N events, and at close if anything is left uncovered; stores the checkpoint
 * in the database, then appends it to the file. A failure to sign never fails the append (the events
 * are already committed); it is logged and kept for the caller to show.
 */
final class Checkpointing {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointing.class);

    private final AuditStore store;
    private CheckpointPolicy policy;
    private int sinceLast;
    private AuditEvent uncovered;
    private String logId;
    private String problem;

    Checkpointing(AuditStore store) {
        this.store = store;
    }

    synchronized void policy(CheckpointPolicy p) {
        this.policy = p;
    }

    synchronized boolean enabled() {
        return policy != null;
    }

    synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    synchronized void appended(List<AuditEvent> events) {
        if (policy == null || events.isEmpty()) {
            return;
        }
        boolean runEnded = events.stream().anyMatch(e -> e.type() == EventType.RUN_FINISHED
                || e.type() == EventType.RUN_ABORTED);
        sinceLast += events.size();
        AuditEvent last = events.get(events.size() - 1);
        if (uncovered == null || last.seq() > uncovered.seq()) { // group commit: callers may report out of order
            uncovered = last;
        }
        if (runEnded || sinceLast >= policy.every()) {
            sign(uncovered);
        }
    }

    synchronized void closing() {
        if (policy != null && uncovered != null) {
            sign(uncovered);
        }
    }

    /** Signs {@code at} now (if a signer is set). */
    synchronized Optional<Checkpoint> sign(AuditEvent at) {
        if (policy == null) {
            return Optional.empty();
        }
        try {
            if (logId == null) {
                logId = store.read(CheckpointRows::logId);
            }
            Checkpoint unsigned = new Checkpoint(logId, at.runId(), at.seq(), at.hash(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), policy.signer().identity(), "");
            String signature = SshSig.sign(unsigned.messageBytes(), SshSig.NAMESPACE, policy.signer());
            Checkpoint signed = new Checkpoint(unsigned.logId(), unsigned.runId(), unsigned.seq(), unsigned.hash(),
                    unsigned.time(), unsigned.signer(), signature);
            String file = policy.file() == null ? null : policy.file().toAbsolutePath().toString();
            store.inTransaction(c -> {
                CheckpointRows.insert(c, signed, file);
                return null;
            });
            if (policy.file() != null) {
                CheckpointFile.append(policy.file(), signed);
            }
            sinceLast = 0;
            uncovered = null;
            problem = null;
            return Optional.of(signed);
        } catch (IOException | RuntimeException e) {
            problem = "could not sign an audit checkpoint at seq " + at.seq() + " (run " + at.runId() + "): "
                    + e.getMessage();
            LOG.warn("{}", problem);
            return Optional.empty();
        }
    }
}
