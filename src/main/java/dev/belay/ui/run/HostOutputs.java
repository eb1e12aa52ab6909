package dev.belay.ui.run;

import dev.belay.engine.RunEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each step's hosts' output tails, by step and host: filled on the engine's listener thread as the
 * events come, read on the FX thread when the view refreshes. With 200 hosts streaming, the 80,000
 * output lines of a step no longer go to the FX thread one event each; it reads the tails as they
 * stand at each refresh (at most every {@link RunView#REFRESH_MS}).
 */
final class HostOutputs {

    private final Map<String, Map<String, OutputTail>> byStep = new ConcurrentHashMap<>();

    /**
     * Takes in what {@code e} says about a step command's output. A command's start empties its
     * host's tail and its end puts the whole recorded output in (both arrive in order with the lines,
     * from the one listener thread).
     *
     * @return whether {@code e} is an output line, which nothing else in the view needs
     */
    boolean take(RunEvent e) {
        if (e instanceof RunEvent.OutputLine o) {
            tail(o.stepId(), o.host()).append(o.line());
            return true;
        }
        if (e instanceof RunEvent.CommandStarted c && "step".equals(c.purpose())) {
            tail(c.stepId(), c.host()).replace("");
        } else if (e instanceof RunEvent.CommandFinished c && "step".equals(c.purpose())) {
            tail(c.stepId(), c.host()).replace(c.output());
        }
        return false;
    }

    /** The tails by step and host, as they stand (concurrent maps: safe to read while they fill). */
    Map<String, Map<String, OutputTail>> byStep() {
        return byStep;
    }

    private OutputTail tail(String stepId, String host) {
        return byStep.computeIfAbsent(stepId, k -> new ConcurrentHashMap<>()).computeIfAbsent(host, k -> new OutputTail());
    }
}
