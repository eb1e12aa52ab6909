package dev.belay.engine;

import dev.belay.testing.TestClock;

/**
 * Sleeps for {@link Pacing} that pass the asked time at once on a stopped {@link TestClock}: the wall
 * moves only when a run sleeps, and a command's own real time counts for nothing, so how many retry
 * attempts fit a window is exact, however loaded the machine is. The clock's readings do not tick, so
 * the count does not depend on how often the engine reads the time either.
 */
final class SimulatedSleep {

    private SimulatedSleep() {
    }

    /** A wall clock for a run, at {@link TestClock#MORNING}, that only these sleeps move. */
    static TestClock wall() {
        return TestClock.stopped(TestClock.MORNING);
    }

    /** A sleeper that moves {@code wall} by the asked time (false if already cancelled). */
    static Pacing.Sleeper on(TestClock wall) {
        return (cancel, realMillis) -> {
            if (cancel.isCancelled()) {
                return false;
            }
            wall.advanceMillis(realMillis);
            return true;
        };
    }

    /** Speed-1 pacing on a {@link #wall()} of its own, its sleeps simulated. */
    static Pacing pacing() {
        TestClock wall = wall();
        return new Pacing(wall, () -> 1.0, on(wall));
    }
}
