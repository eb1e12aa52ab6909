package dev.belay.ui.run;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.RoleSpec;
import dev.belay.runbook.Runbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the practice lab to a runbook: each role gets its minimum (at least one) of the lab's hosts,
 * distinct hosts per role, in order, so the runbook's {@code roles:} are satisfied whatever they are named.
 */
final class LabRoles {

    private LabRoles() {
    }

    /** How many lab hosts the runbook's roles need together. */
    static int hostsNeeded(Runbook runbook) {
        int n = 0;
        for (RoleSpec spec : runbook.roles().values()) {
            n += Math.max(1, spec.min());
        }
        return Math.max(1, n);
    }

    /** The lab's inventory with its roles replaced by the runbook's, each mapped to its own hosts. */
    static Inventory fit(Inventory lab, Runbook runbook) {
        List<String> names = new ArrayList<>(lab.hosts().keySet());
        Map<String, List<String>> roles = new LinkedHashMap<>();
        int next = 0;
        for (Map.Entry<String, RoleSpec> r : runbook.roles().entrySet()) {
            int count = Math.max(1, r.getValue().min());
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < count && next < names.size(); i++) {
                hosts.add(names.get(next++));
            }
            roles.put(r.getKey(), hosts);
        }
        Map<String, Host> hosts = new LinkedHashMap<>(lab.hosts());
        return new Inventory(lab.environment(), hosts, roles, lab.vars(), lab.knownHosts());
    }
}
