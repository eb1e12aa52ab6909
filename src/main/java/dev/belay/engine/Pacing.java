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
 */
public record Pacing(Clock clock, DoubleSupplier speed) {

    public Pacing {
        if (clock == null || speed == null) {
            throw new IllegalArgumentException("pacing needs a clock and a speed");
        }
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
        return cancel.sleep(millis);
    }
}
