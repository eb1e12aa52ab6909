package dev.belay.lab.play;

/** One component on one lab host as the lab panel shows it: {@code mariadb 10.5.16 Synced}. */
public record ComponentStatus(String name, String version, String state) {
}
