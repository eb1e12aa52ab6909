package dev.belay.audit;

/**
 * A stored output: its id for event payloads, its size before capping, how many bytes the cap
 * dropped from the middle, and the SHA-256 of the stored text (put it in the event to seal it).
 */
public record OutputRef(String id, long originalBytes, long droppedBytes, String sha256) { }
