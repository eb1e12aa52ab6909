package dev.belay.runbook;

import java.time.Duration;

/** Re-run every {@code every} until the expectations hold or {@code within} has passed. */
public record Retry(Duration every, Duration within) {
}
