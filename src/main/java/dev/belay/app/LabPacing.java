package dev.belay.app;

import dev.belay.engine.Pacing;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabClockFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Picks a run's pacing: on a practice lab, the lab's clock and speed (so gate retries, waits and the
 * audit's timestamps are the lab's time); anywhere else, the wall clock at speed 1.
 */
public final class LabPacing {

    private LabPacing() {
    }

    /** Paces on {@code clock}, reading its speed at each wait (a lab's speed may change). */
    public static Pacing of(LabClock clock) {
        return new Pacing(clock.asClock(), clock::speed);
    }

    /** The lab's pacing when {@code inventoryPath} is a lab's inventory, else real time. */
    public static Pacing forInventory(String inventoryPath) {
        if (inventoryPath == null) {
            return Pacing.real(Clock.systemUTC());
        }
        try {
            return LabClockFile.beside(Path.of(inventoryPath)).map(LabPacing::of)
                    .orElseGet(() -> Pacing.real(Clock.systemUTC()));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
