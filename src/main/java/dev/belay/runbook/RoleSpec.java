package dev.belay.runbook;

import java.util.List;

/**
 * How many hosts a role needs; {@code max} is null when unbounded. {@code groups} names the
 * inventory groups (Ansible groups, or roles of a Belay inventory) that fill the role when the
 * inventory has no role of its own name: the first of them that has hosts wins, so an operator's
 * kolla-ansible inventory runs the runbook as it is.
 */
public record RoleSpec(int min, Integer max, List<String> groups) {
    public static final RoleSpec ANY = new RoleSpec(1, null);

    public RoleSpec {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public RoleSpec(int min, Integer max) {
        this(min, max, List.of());
    }
}
