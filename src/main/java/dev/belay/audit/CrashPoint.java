package dev.belay.audit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only crash point, inert unless the JVM is started with {@code -Dbelay.test.haltAfterEvents=N}:
 * the process then halts right after its Nth event commits, as a SIGKILL would leave it (no shutdown
 * hooks, no finally blocks, no close). Crash tests walk a run's every event boundary this way instead
 * of timing a kill, which on a loaded machine would land anywhere.
 */
final class CrashPoint {
    private static final long HALT_AFTER = Long.getLong("belay.test.haltAfterEvents", 0);
    private static final AtomicLong COMMITTED = new AtomicLong();

    private CrashPoint() { }

    static void committed(int events) {
        if (HALT_AFTER > 0 && COMMITTED.addAndGet(events) >= HALT_AFTER) {
            Runtime.getRuntime().halt(137);
        }
    }
}
