package dev.belay.audit.checkpoint;

import java.nio.file.Path;

/**
 * When and how a store signs checkpoints: at the end of every run (RUN_FINISHED, RUN_ABORTED),
 * every {@code every} events it appends, and when it closes with events not yet covered.
 *
 * @param file where each checkpoint is appended besides the database (e.g. a shared directory)
 */
public record CheckpointPolicy(CheckpointSigner signer, Path file, int every) {
    public static final int DEFAULT_EVERY = 500;

    public CheckpointPolicy {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1 event, was " + every);
        }
    }
}
