package dev.belay.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A runbook as its author wrote it: validated, immutable, not yet resolved against an inventory.
 * Maps keep the order of the YAML file (the loader builds them as LinkedHashMaps).
 *
 * @param productionAutomation {@code automation: { production: allowed }}: the author allows
 *                             {@code belay run --auto-confirm} against a production inventory
 */
public record Runbook(
        String id,
        String title,
        String component,
        int revision,
        String summary,
        Duration estimate,
        Map<String, RoleSpec> roles,
        Map<String, VarSpec> vars,
        List<Monitor> monitors,
        List<Step> preflight,
        List<Step> steps,
        FailurePolicy onFailure,
        List<Step> rollback,
        boolean productionAutomation) {

    /** A runbook that does not allow unattended runs on production (the default). */
    public Runbook(String id, String title, String component, int revision, String summary, Duration estimate,
                   Map<String, RoleSpec> roles, Map<String, VarSpec> vars, List<Monitor> monitors,
                   List<Step> preflight, List<Step> steps, FailurePolicy onFailure, List<Step> rollback) {
        this(id, title, component, revision, summary, estimate, roles, vars, monitors, preflight, steps, onFailure,
                rollback, false);
    }

    public Runbook {
        roles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roles));
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        monitors = List.copyOf(monitors);
        preflight = List.copyOf(preflight);
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
        if (onFailure == null) {
            onFailure = FailurePolicy.ASK;
        }
    }
}
