package dev.belay.ui.run;

import dev.belay.engine.HostResult;
import dev.belay.engine.Plan;
import dev.belay.engine.PlannedStep;
import dev.belay.engine.RunState;
import dev.belay.engine.SelectorResolver;
import dev.belay.engine.StepState;
import dev.belay.engine.VarSubstitution;
import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import dev.belay.runbook.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's command as it is (or will be) sent to each host: vars, host values and captures filled
 * in, secrets masked. A value captured later shows as a placeholder until its step has run.
 */
final class HostCommands {

    static final String MASK = "••••••";

    /** One host's command line. */
    record HostCommand(String host, String command) {
    }

    private HostCommands() {
    }

    static List<HostCommand> of(Plan plan, PlannedStep step, RunState state) {
        Selector on;
        String command;
        if (step.action() instanceof Action.Run r) {
            on = r.on();
            command = r.command();
        } else if (step.action() instanceof Action.Terminal t) {
            on = t.host();
            command = t.command();
        } else {
            return List.of();
        }
        Map<String, Map<String, String>> captures = captures(state);
        List<Host> hosts;
        try {
            hosts = SelectorResolver.resolve(on, plan.inventory(), captures);
        } catch (RuntimeException e) {
            Selector base = on instanceof Selector.Extremum x ? x.base() : on;
            hosts = SelectorResolver.resolve(base, plan.inventory(), Map.of());
        }
        List<HostCommand> out = new ArrayList<>();
        for (Host h : hosts) {
            String text;
            try {
                text = VarSubstitution.forHost(command, h, captures.getOrDefault(h.name(), Map.of()), step.id());
            } catch (RuntimeException e) {
                text = command + "   # filled in when the step runs";
            }
            out.add(new HostCommand(h.name(), mask(text, plan)));
        }
        return out;
    }

    static String mask(String text, Plan plan) {
        String out = text;
        for (String secret : plan.secretValues()) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    private static Map<String, Map<String, String>> captures(RunState state) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (state == null) {
            return out;
        }
        for (StepState s : state.steps()) {
            for (HostResult h : s.hosts()) {
                if (!h.captures().isEmpty()) {
                    out.computeIfAbsent(h.host(), k -> new LinkedHashMap<>()).putAll(h.captures());
                }
            }
        }
        return out;
    }
}
