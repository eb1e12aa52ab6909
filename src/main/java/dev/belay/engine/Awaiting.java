package dev.belay.engine;

import java.util.List;

/** What the engine waits for: the step concerned (null for the run), a prompt, and the commands it accepts. */
public record Awaiting(String stepId, String prompt, List<Option> options) {
    public Awaiting {
        options = List.copyOf(options);
    }
}
