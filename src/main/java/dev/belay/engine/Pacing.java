package dev.belay.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The time a run lives in: the clock its events, window and gate deadlines read, and how fast that
 * clock runs against the wall ({@code speed} simulated seconds per real second). A run on real hosts
 * paces at speed 1 on the wall clock. A run on a practice lab started with {@code --speed N} paces
 * on the lab's own clock, so a gate that retries for an hour of lab time waits an hour of the lab's
 * time (a minute of real time at speed 60), as the plays it waits for do; without this a sped-up
 * lab would finish its state transfers in seconds while the gate still slept real minutes.
 *
 * @param clock the run's time: event timestamps, gate deadlines, the window
 * @param speed read at each sleep, since a lab's speed may change while the run waits
 * @param sleeper how the real part of a wait is spent: the wall clock's {@link #REAL_SLEEP} for every
 *                run; a test passes one that moves its own clock instead, so how many retries fit a
 *                window does not depend on how loaded the machine is
 */
public record Pacing(Clock clock, DoubleSupplier speed, Sleeper sleeper) {

    /** Waits {@code realMillis} of real time unless {@code cancel} fires first (then false). */
    @FunctionalInterface
    public interface Sleeper {
        boolean sleep(CancelToken cancel, long realMillis);
    }

    /** Sleeps on the wall clock, waking early on a cancel. */
    public static final Sleeper REAL_SLEEP = CancelToken::sleep;

    public Pacing {
        if (clock == null || speed == null || sleeper == null) {
            throw new IllegalArgumentException("pacing needs a clock, a speed and a sleeper");
        }
    }

    /** Pacing that sleeps on the wall clock: every run outside tests. */
    public Pacing(Clock clock, DoubleSupplier speed) {
        this(clock, speed, REAL_SLEEP);
    }

    /** Wall-clock time at speed 1: every run on real hosts. */
    public static Pacing real(Clock clock) {
        return new Pacing(clock, () -> 1.0);
    }

    /**
     * Waits {@code simulated} of this pacing's time, returning early (false) when {@code cancel}
     * fires. At speed N that is {@code simulated / N} of real time.
     */
    public boolean sleep(CancelToken cancel, Duration simulated) {
        double s = speed.getAsDouble();
        long millis = s == 1.0 ? simulated.toMillis() : (long) Math.ceil(simulated.toMillis() / s);
        return sleeper.sleep(cancel, millis);
    }
}
