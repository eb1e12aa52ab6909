package dev.belay.runbook;

import java.time.Duration;
import java.util.List;

/** A background probe for the whole run; every up/down transition is audited. */
public record Monitor(String id, Probe probe, Duration every) {

    /** What a monitor checks. */
    public sealed interface Probe {
    }

    /** A TCP connect to {@code host:port} (may contain ${vars}). */
    public record Tcp(String target) implements Probe {
    }

    /** An HTTP GET whose status must equal {@code expectStatus}. */
    public record Http(String url, int expectStatus) implements Probe {
    }

    /** A command over SSH on one host (an extension of the v1 format: {@code on:}, {@code run:}, {@code expect:}). */
    public record Command(Selector on, String command, List<Expectation> expect) implements Probe {
        public Command {
            expect = List.copyOf(expect);
        }
    }
}
