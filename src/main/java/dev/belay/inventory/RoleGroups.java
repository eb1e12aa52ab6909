package dev.belay.inventory;

import dev.belay.runbook.RoleSpec;
import dev.belay.runbook.Runbook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills a runbook's roles from the inventory groups it names ({@code groups:} under a role), for
 * inventories that say {@code control} where the runbook says {@code controllers}. A role the
 * inventory maps by name keeps its hosts; otherwise the first listed group that has hosts fills it.
 */
public final class RoleGroups {

    private RoleGroups() {
    }

    /** The inventory with every fillable role added; the same inventory when nothing changes. */
    public static Inventory fill(Runbook runbook, Inventory inventory) {
        Map<String, List<String>> roles = new LinkedHashMap<>(inventory.roles());
        boolean changed = false;
        for (Map.Entry<String, RoleSpec> e : runbook.roles().entrySet()) {
            if (roles.containsKey(e.getKey())) {
                continue;
            }
            Optional<String> group = source(e.getValue(), inventory);
            if (group.isPresent()) {
                roles.put(e.getKey(), inventory.roles().get(group.get()));
                changed = true;
            }
        }
        // The known_hosts the inventory names goes along: a lab inventory whose roles are mapped onto a
        // runbook's groups must still trust the lab's key.
        return changed ? new Inventory(inventory.environment(), inventory.hosts(), roles, inventory.vars(),
                inventory.knownHosts()) : inventory;
    }

    /** The group that fills the role: the first listed one with hosts. */
    public static Optional<String> source(RoleSpec spec, Inventory inventory) {
        return spec.groups().stream().filter(g -> !inventory.roles().getOrDefault(g, List.of()).isEmpty()).findFirst();
    }
}
