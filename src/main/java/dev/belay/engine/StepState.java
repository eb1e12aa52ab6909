package dev.belay.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A step as the UI renders it. {@code kind} is run, terminal, confirm or wait; {@code description} is
 * the author's Markdown (or null); {@code estimate} the author's (or null); {@code terminalCommand}
 * is set, secrets masked, once a terminal step has handed its command over; {@code countdown} is
 * the pause the step waits out now (a wait, the next retry or gate check), else null.
 */
public record StepState(String id, String title, String description, Duration estimate, Phase phase, String kind,
                        StepStatus status, List<HostResult> hosts,
                        Instant startedAt, Instant finishedAt, String message, boolean pointOfNoReturn,
                        String confirmPrompt, String terminalHost, String terminalCommand, String note,
                        Countdown countdown) {

    public StepState {
        hosts = List.copyOf(hosts);
    }

    /** Time from start to finish, or to {@code now} while it runs; zero before it starts. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
    }

    public Optional<HostResult> host(String name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst();
    }
}
