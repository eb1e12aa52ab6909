package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import dev.belay.runbook.Selector;
import dev.belay.runbook.VarReferences;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command as it is (or will be) sent to each host: vars, host values and captures filled in,
 * secrets masked; a value not captured yet shows as {@code <NAME captured on HOST>}. The one
 * rendering behind the dry run ({@link DryRunRenderer}) and the desktop's step panel.
 */
public final class HostCommands {

    /** One host's command line. */
    public record HostCommand(String host, String command) {
    }

    private HostCommands() {
    }

    /** A {@code run:} or {@code terminal:} step's command per host as of {@code state} (null: before the run); else none. */
    public static List<HostCommand> of(Plan plan, PlannedStep step, RunState state) {
        if (step.action() instanceof Action.Run r) {
            return of(plan, r.on(), r.command(), captures(state));
        }
        if (step.action() instanceof Action.Terminal t) {
            return of(plan, t.host(), t.command(), captures(state));
        }
        return List.of();
    }

    /**
     * {@code command} on the hosts {@code on} selects given {@code captures} (per host). A selector
     * on a value not captured yet ({@code max(...)}) lists every host of its base selector.
     */
    static List<HostCommand> of(Plan plan, Selector on, String command, Map<String, Map<String, String>> captures) {
        SecretMasker masker = SecretMasker.of(plan.secretValues());
        List<HostCommand> out = new ArrayList<>();
        for (Host h : hosts(plan, on, captures)) {
            Map<String, String> seen = seenBy(h.name(), captures);
            String late = VarReferences.replace(command, ref -> ref.isHost() || seen.containsKey(ref.name()) ? null
                    : "<" + ref.name() + " captured on " + h.name() + ">");
            String text;
            try {
                text = VarSubstitution.forHost(late, h, seen, "step command");
            } catch (IllegalStateException e) {
                text = late + "   # " + e.getMessage();
            }
            out.add(new HostCommand(h.name(), masker.mask(text)));
        }
        return out;
    }

    private static List<Host> hosts(Plan plan, Selector on, Map<String, Map<String, String>> captures) {
        try {
            return SelectorResolver.resolve(on, plan.inventory(), captures);
        } catch (IllegalStateException e) {
            Selector base = on instanceof Selector.Extremum x ? x.base() : on;
            return SelectorResolver.resolve(base, plan.inventory(), Map.of());
        }
    }

    /** What a host's command sees, as the engine gives it: the latest value of any host, its own first. */
    private static Map<String, String> seenBy(String host, Map<String, Map<String, String>> captures) {
        Map<String, String> out = new LinkedHashMap<>();
        captures.values().forEach(out::putAll);
        out.putAll(captures.getOrDefault(host, Map.of()));
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
