package dev.belay.inventory;

import dev.belay.runbook.Action;
import dev.belay.runbook.RoleSpec;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.Selector;
import dev.belay.runbook.Step;
import dev.belay.runbook.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whether an inventory can run a runbook: every role the runbook declares exists with between
 * {@code min} and {@code max} hosts, and every {@code role[i]} index points at a host. Checked when
 * a run is planned ({@code PlanResolver}) and by {@code belay validate --inventory}, since a runbook
 * alone is inventory-independent. A role with {@code min: 0} may be missing.
 */
public final class RunbookFit {

    private RunbookFit() {
    }

    /** Messages naming the role or step and the fix; empty when the inventory fits. */
    public static List<String> problems(Runbook rb, Inventory given) {
        Inventory inv = RoleGroups.fill(rb, given);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, RoleSpec> e : rb.roles().entrySet()) {
            String role = e.getKey();
            RoleSpec spec = e.getValue();
            if (!inv.roles().containsKey(role) && spec.min() > 0) {
                out.add("runbook '" + rb.id() + "' needs role '" + role + "', which inventory '" + inv.environment()
                        + "' does not have" + Suggestions.didYouMean(role, inv.roles().keySet())
                        + (spec.groups().isEmpty() ? ": add it under roles:"
                        : " nor any of its groups " + spec.groups() + " with hosts: add one of them"));
                continue;
            }
            int n = inv.roles().getOrDefault(role, List.of()).size();
            // A role filled from an Ansible group is fixed in that group, not under roles:
            String from = given.roles().containsKey(role) ? null : RoleGroups.source(spec, given).orElse(null);
            if (n < spec.min()) {
                out.add("role '" + role + "' needs at least " + spec.min() + " hosts; inventory '" + inv.environment()
                        + "' gives " + n + (from == null ? ": map more hosts to it under roles:"
                        : " (from group '" + from + "'): add hosts to that group"));
            } else if (spec.max() != null && n > spec.max()) {
                out.add("role '" + role + "' takes at most " + spec.max() + (spec.max() == 1 ? " host" : " hosts")
                        + "; inventory '" + inv.environment() + "' gives " + n + ": use a smaller inventory or raise max:");
            }
        }
        Stream.of(rb.preflight(), rb.steps(), rb.rollback()).flatMap(List::stream)
                .forEach(s -> checkIndex(s, selectorOf(s), inv, out));
        return out;
    }

    private static Selector selectorOf(Step s) {
        if (s.action() instanceof Action.Run run) {
            return run.on();
        }
        return s.action() instanceof Action.Terminal t ? t.host() : null;
    }

    private static void checkIndex(Step s, Selector sel, Inventory inv, List<String> out) {
        Selector base = sel instanceof Selector.Extremum ex ? ex.base() : sel;
        if (base instanceof Selector.Slice slice && inv.roles().containsKey(slice.role())) {
            int n = inv.roles().get(slice.role()).size();
            if (slice.start() >= n) {
                out.add("step '" + s.id() + "' selects " + slice.text() + ", but inventory '" + inv.environment()
                        + "' has " + n + " host" + (n == 1 ? "" : "s") + " in '" + slice.role() + "'");
            }
        }
    }
}
