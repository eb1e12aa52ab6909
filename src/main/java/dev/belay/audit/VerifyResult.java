package dev.belay.audit;

/** The outcome of recomputing the hash chain. */
public sealed interface VerifyResult {

    /** Every event checked out; {@code headHash} is worth noting down outside the database. */
    record Intact(long count, String headHash) implements VerifyResult { }

    /** The first event (by sequence number) whose row was edited, deleted or reordered. */
    record Broken(long seq, String reason) implements VerifyResult { }

    default boolean intact() {
        return this instanceof Intact;
    }
}
