package dev.belay.ui.terminal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * xterm's jump scroll for JediTermFX's painter: while output floods in faster than the emulator
 * takes it, the screen is drawn at most every {@link #FLOOD_FRAME_NANOS}, not at every frame; the
 * moment the emulator has caught up (it is about to wait for output) the final state is drawn.
 * JediTermFX repaints the whole screen whenever the model changed, up to 50 times a second, and in
 * the software renderer (no GPU) that painting took as much CPU as the emulator itself, on the same
 * two cores, and held the text buffer's lock against it. Output that trickles in (typing, a prompt,
 * a slow command) is never held back: only reads that find more output already waiting count as a
 * flood.
 *
 * <p>{@link #changed} runs wherever the model changes (the emulator thread); {@link #flooding} and
 * {@link #caughtUp} on the emulator thread as it reads.
 */
final class JumpScroll {

    /** Ten frames a second at most under a flood (the painter's own rate is 50). */
    static final long FLOOD_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier nanoClock;
    private final Runnable paint;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean flooding;
    private volatile boolean painted;
    private volatile long lastPaint;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param paint asks the painter for a frame (JediTermFX's own {@code repaint()})
     */
    JumpScroll(LongSupplier nanoClock, Runnable paint) {
        this.nanoClock = nanoClock;
        this.paint = paint;
    }

    /** The model changed: ask for a frame now, or, under a flood, only if the last was long enough ago. */
    void changed() {
        if (!flooding) {
            paint.run();
            return;
        }
        long now = nanoClock.getAsLong();
        if (!painted || now - lastPaint >= FLOOD_FRAME_NANOS) {
            painted = true;
            lastPaint = now;
            pending.set(false);
            paint.run();
        } else {
            pending.set(true);
        }
    }

    /** The emulator is about to read and output is already waiting: it is behind. */
    void flooding() {
        if (!flooding) {
            flooding = true;
            painted = false; // a flood's first change is drawn at once
        }
    }

    /** The emulator has taken everything so far and will wait for more: draw the state it left. */
    void caughtUp() {
        flooding = false;
        if (pending.getAndSet(false)) {
            paint.run();
        }
    }

    boolean isFlooding() {
        return flooding;
    }
}
