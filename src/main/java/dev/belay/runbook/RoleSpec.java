package dev.belay.runbook;

/** How many hosts a role needs; {@code max} is null when unbounded. */
public record RoleSpec(int min, Integer max) {
    public static final RoleSpec ANY = new RoleSpec(1, null);
}
