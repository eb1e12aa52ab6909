package dev.belay.ui.terminal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * xterm's jump scroll for JediTermFX's painter: while output floods in, the screen is drawn at the
 * end of each {@link #FLOOD_FRAME_NANOS} window rather than at every frame, and the state a flood
 * leaves is drawn at the end of its last window. JediTermFX repaints the whole screen whenever the
 * model changed, up to 50 times a second; in the software renderer (no GPU) that painting took as
 * much CPU as the emulator itself, on the same two cores, and held the text buffer's lock against it.
 * A window with more than {@link #FLOOD_CHANGES} changes of the model (a dozen lines or more)
 * counts as a flood, and the flood lasts as long as windows stay that busy; output that trickles in
 * (typing, a prompt, a slow command) is drawn as JediTermFX would, at once.
 *
 * <p>{@link #changed} runs where the model changes (the emulator thread); {@link #tick} on the FX
 * thread, more often than a window, so a flood's last state is drawn even if nothing follows it.
 */
final class JumpScroll {

    /** Ten frames a second at most under a flood (the painter's own rate is 50). */
    static final long FLOOD_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Model changes in one window beyond which output is a flood: each line is two or three. */
    static final int FLOOD_CHANGES = 32;

    private final LongSupplier nanoClock;
    private final Runnable paint;
    private long windowStart;
    private int changes;
    private boolean flooding;
    private boolean pending;
    private long frames;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param paint asks the painter for a frame (JediTermFX's own {@code repaint()})
     */
    JumpScroll(LongSupplier nanoClock, Runnable paint) {
        this.nanoClock = nanoClock;
        this.paint = paint;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * Under a flood the clock is read at every {@code CLOCK_EVERY}th change only: the emulator calls
     * this three times per line, and reading the clock each time was a sixth of its CPU under
     * {@code seq} once compiled. A window then ends at most that many changes late, or at the next tick.
     */
    static final int CLOCK_EVERY = 16;

    /** The model changed: a frame now, or under a flood at the end of the window. */
    synchronized void changed() {
        changes++;
        if (flooding) {
            pending = true;
            if (changes % CLOCK_EVERY != 0) {
                return;
            }
        } else if (changes > FLOOD_CHANGES) {
            flooding = true;
            pending = true;
        } else {
            frame();
        }
        long now = nanoClock.getAsLong();
        if (now - windowStart >= FLOOD_FRAME_NANOS) {
            endWindow(now);
        }
    }

    /** From a timer: ends the window if its time is up, drawing what it held back. */
    synchronized void tick() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= FLOOD_FRAME_NANOS) {
            endWindow(now);
        }
    }

    private void endWindow(long now) {
        if (pending) {
            pending = false;
            frame();
        }
        flooding = changes > FLOOD_CHANGES; // a flood goes on while its windows stay busy
        changes = 0;
        windowStart = now;
    }

    private void frame() {
        frames++;
        paint.run();
    }

    /** Frames asked of the painter so far (the painter draws at most 50 a second of them). */
    synchronized long frames() {
        return frames;
    }

    synchronized boolean isFlooding() {
        return flooding;
    }

    /** Whether a change is waiting for the end of its window to be drawn. */
    synchronized boolean holdsBack() {
        return pending;
    }
}
