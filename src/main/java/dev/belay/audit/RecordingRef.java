package dev.belay.audit;

import java.time.Instant;

/** A stored terminal recording; {@code sha256} is of the complete asciicast text, set once closed. */
public record RecordingRef(String id, String runId, String targetHost, Instant started, String title,
                           String sha256) { }
