package dev.belay.lab;

import java.time.Duration;

/**
 * What every command on a lab host needs besides its host: the sandbox to run in, and the faults
 * and clock that decide how the host misbehaves ({@code slow@H}, {@code disk-full@H},
 * {@code connection-drop@H}).
 */
record HostRuntime(Sandbox sandbox, FaultSet faults, LabClock clock) {

    /** What {@code slow@H} adds to every command on H, in lab time. */
    static final Duration SLOW_DELAY = Duration.ofSeconds(5);
    /** How long a command on a {@code connection-drop@H} host runs before its connection drops, in lab time. */
    static final Duration DROP_AFTER = Duration.ofSeconds(1);

    /** Waits out {@code slow@H} on {@code host}, if it is active. */
    void slowDown(String host) throws InterruptedException {
        if (faults.has(FaultKind.SLOW, host)) {
            clock.sleep(SLOW_DELAY);
        }
    }

    boolean diskFull(String host) {
        return faults.has(FaultKind.DISK_FULL, host);
    }

    boolean dropsConnections(String host) {
        return faults.has(FaultKind.CONNECTION_DROP, host);
    }
}
