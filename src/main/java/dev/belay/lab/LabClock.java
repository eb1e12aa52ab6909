package dev.belay.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The lab's own clock. Everything the lab plays over time (state transfers, placement-group
 * recovery, reboots, the {@code slow@H} fault) reads this clock, never the wall clock, so a trainer
 * or a test can run the cluster faster than real time ({@code --speed N}): at speed 60 a simulated
 * ten-minute recovery takes ten real seconds. Speed 1 is real time and the default.
 */
public final class LabClock {

    private final Clock wall;
    private Instant wallAnchor;
    private Instant labAnchor;
    private double speed;

    public LabClock(Clock wall, double speed) {
        this.wall = wall;
        this.wallAnchor = wall.instant();
        this.labAnchor = wallAnchor;
        this.speed = checked(speed);
    }

    /** A clock that already ran: lab time {@code labAnchor} was wall time {@code wallAnchor}. */
    public static LabClock anchored(Clock wall, Instant wallAnchor, Instant labAnchor, double speed) {
        LabClock c = new LabClock(wall, speed);
        c.wallAnchor = wallAnchor;
        c.labAnchor = labAnchor;
        return c;
    }

    /** Real time. */
    public static LabClock realTime() {
        return new LabClock(Clock.systemUTC(), 1.0);
    }

    /** {@code speed} simulated seconds pass per real second. */
    public static LabClock speeded(double speed) {
        return new LabClock(Clock.systemUTC(), speed);
    }

    /** The lab's time now. */
    public synchronized Instant now() {
        long realNanos = Duration.between(wallAnchor, wall.instant()).toNanos();
        return labAnchor.plusNanos((long) (realNanos * speed));
    }

    public synchronized double speed() {
        return speed;
    }

    /** Changes the speed from now on; lab time already passed stays passed. */
    public synchronized void setSpeed(double newSpeed) {
        Instant lab = now();
        wallAnchor = wall.instant();
        labAnchor = lab;
        speed = checked(newSpeed);
    }

    /** Where this clock's lab time was anchored to the wall's (for {@link LabClockFile}). */
    synchronized Instant[] anchors() {
        return new Instant[] {wallAnchor, labAnchor};
    }

    /** This clock as a {@link Clock} (UTC), for code that reads time through one. */
    public Clock asClock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("the lab clock is UTC only");
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /** The real time that {@code simulated} lab time takes at the current speed. */
    public Duration realDuration(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed()));
    }

    /** Blocks the calling thread for {@code simulated} lab time. */
    public void sleep(Duration simulated) throws InterruptedException {
        Instant until = now().plus(simulated);
        // Re-read after each nap: the speed may change while a play waits.
        while (true) {
            Duration left = Duration.between(now(), until);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            long millis = Math.max(1, Math.min(realDuration(left).toMillis(), 200));
            Thread.sleep(millis);
        }
    }

    private static double checked(double speed) {
        if (!(speed >= 0.01 && speed <= 10_000)) {
            throw new IllegalArgumentException("lab: --speed must be between 0.01 and 10000, got " + speed);
        }
        return speed;
    }
}
