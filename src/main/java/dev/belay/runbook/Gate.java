package dev.belay.runbook;

import java.time.Duration;
import java.util.List;

/**
 * The health check of a rolling step: it must hold after each batch of hosts before the next starts.
 * {@code retry} and {@code timeout} may be null (no retry; the default timeout).
 */
public record Gate(Selector on, String command, List<Expectation> expect, Retry retry, Duration timeout) {
    public Gate {
        expect = List.copyOf(expect);
    }
}
