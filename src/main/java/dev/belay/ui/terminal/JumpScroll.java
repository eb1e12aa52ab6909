package dev.belay.ui.terminal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * xterm's jump scroll for JediTermFX's painter: while output floods in, the screen is drawn at the
 * end of each window rather than at every frame, and the state a flood leaves is drawn at the end of
 * its last window. JediTermFX repaints the whole screen whenever the model changed, up to 50 times a
 * second; in the software renderer (no GPU) that painting took as much CPU as the emulator itself,
 * on the same two cores, and held the text buffer's lock against it. A window of
 * {@link #FLOOD_FRAME_NANOS} with more than {@link #FLOOD_CHANGES} changes of the model (a dozen
 * lines or more) counts as a flood, and the flood lasts as long as windows stay that busy; output
 * that trickles in (typing, a prompt, a slow command) is drawn as JediTermFX would, at once.
 *
 * <p>Under a flood the window adapts to what a frame costs: each window is long enough that the
 * renderer's CPU in the window before it (the frame drawn then, mostly) stays within
 * {@link #PAINT_SHARE_PERCENT} percent of it, between {@link #FLOOD_FRAME_NANOS} and
 * {@link #MAX_FLOOD_FRAME_NANOS}. A frame of 20 ms (the software renderer, a 120×32 screen of text)
 * gives five frames a second; a cheap frame keeps ten; the last state is drawn at most
 * {@code MAX_FLOOD_FRAME_NANOS} after the output stops.
 *
 * <p>A flood's last state is not held to its window's end: a tick that finds no change since the
 * tick before (the output paused for a tick's period, 20 ms) draws what is pending at once, as xterm
 * redraws when its input runs dry. Under a flood the changes never pause that long, so the windows
 * still set the frame rate; when the output stops the screen shows its end within two ticks rather
 * than up to {@link #MAX_FLOOD_FRAME_NANOS} later.
 *
 * <p>A flood's frames may go to a cheaper painter of their own ({@code floodPaint}, Belay's
 * {@link FloodPainter}); the screen a flood leaves is always asked of {@code paint}, JediTermFX's
 * painter: a window that ends with few changes, or the first window after a flood frame that had none.
 *
 * <p>{@link #changed} runs where the model changes (the emulator thread); {@link #tick} on the FX
 * thread, more often than a window, so a flood's last state is drawn even if nothing follows it.
 */
final class JumpScroll {

    /** The shortest window: ten frames a second at most under a flood (the painter's own rate is 50). */
    static final long FLOOD_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest window under a flood, however much a frame costs: how late a flood's end can be drawn. */
    static final long MAX_FLOOD_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The share of a core the renderer may take under a flood, in percent of the window. */
    static final int PAINT_SHARE_PERCENT = 10;
    /** Model changes in one window beyond which output is a flood: each line is two or three. */
    static final int FLOOD_CHANGES = 32;
    /**
     * Under a flood the clock is read at every {@code CLOCK_EVERY}th change only: the emulator calls
     * {@link #changed} several times per line, and reading the clock each time was a sixth of its CPU
     * under {@code seq} once compiled. A window then ends at most that many changes late, or at the next tick.
     */
    static final int CLOCK_EVERY = 16;

    private final LongSupplier nanoClock;
    private final Runnable paint;
    private final Runnable floodPaint;
    private final LongSupplier paintCpu;
    private long windowStart;
    private long window = FLOOD_FRAME_NANOS;
    private long paintCpuAtWindowStart = -1;
    /**
     * Changes so far. Under a flood the emulator counts outside the lock (a lost count, should two
     * threads ever race, only makes a window look a change less busy); the lock guards the rest.
     */
    private long changes;
    private long changesAtWindowStart;
    /** {@link #changes} at the last tick: the same at the next one means the output paused. */
    private long changesAtLastTick;
    /** Written under the lock, read without it by the flood's fast path. */
    private volatile boolean flooding;
    /** Set without the lock under a flood; taken (read and cleared) only under it. */
    private volatile boolean pending;
    private long frames;
    /** Whether the last frame asked for was a flood frame (drawn by {@code floodPaint}). */
    private boolean floodFrameLast;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param paint asks the painter for a frame (JediTermFX's own {@code repaint()})
     * @param paintCpu the renderer's CPU time so far in nanoseconds, or a negative number where it is
     *     not known (then every flood window is the shortest)
     */
    JumpScroll(LongSupplier nanoClock, Runnable paint, LongSupplier paintCpu) {
        this(nanoClock, paint, paint, paintCpu);
    }

    /**
     * @param floodPaint asks for a frame at the end of a window under a flood ({@link FloodPainter});
     *     the frame after a flood's last window, the screen it leaves, is always {@code paint}'s
     */
    JumpScroll(LongSupplier nanoClock, Runnable paint, Runnable floodPaint, LongSupplier paintCpu) {
        this.nanoClock = nanoClock;
        this.paint = paint;
        this.floodPaint = floodPaint;
        this.paintCpu = paintCpu;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * The model changed: a frame now, or under a flood at the end of the window. The emulator calls
     * this about seven times per line under {@code seq} (each change of the model, and twice per move of
     * the cursor; under a flood a move to where the cursor is goes no further); under a flood all but
     * every {@code CLOCK_EVERY}th call take no lock (two locked atomic operations per call were a
     * tenth of the emulator's CPU under {@code seq}). A change marked pending is drawn by the window
     * end that takes the mark, or by the next one: the painter reads the model under its lock after that.
     */
    void changed() {
        if (flooding) {
            long n = ++changes;
            if (!pending) {
                pending = true; // a volatile write once per window, not per change
            }
            if (n % CLOCK_EVERY != 0) {
                return;
            }
            synchronized (this) {
                endWindowIfDue();
            }
            return;
        }
        changedLocked();
    }

    private synchronized void changedLocked() {
        changes++;
        if (flooding) {
            pending = true; // a flood began meanwhile, on another thread
        } else if (changes - changesAtWindowStart > FLOOD_CHANGES) {
            flooding = true;
            pending = true;
        } else {
            frame(false);
        }
        endWindowIfDue();
    }

    /**
     * From a timer, more often than a window: draws what is held back if the output paused since the
     * last tick, and ends the window if its time is up. {@code changes} is counted without the lock
     * under a flood; a stale read here can only make the output look paused, which draws a frame early.
     */
    synchronized void tick() {
        long seen = changes;
        boolean paused = seen == changesAtLastTick;
        changesAtLastTick = seen;
        if (paused && pending) {
            pending = false;
            frame(flooding); // under a flood a flood frame: the library's follows when the flood's window ends quiet
        }
        endWindowIfDue();
    }

    private void endWindowIfDue() {
        long now = nanoClock.getAsLong();
        if (now - windowStart < window) {
            return;
        }
        boolean busy = changes - changesAtWindowStart > FLOOD_CHANGES; // a flood goes on while its windows stay busy
        if (pending) {
            pending = false;
            frame(busy);
        } else if (!busy && floodFrameLast && floodPaint != paint) {
            frame(false); // the flood is over: the screen it left is drawn by the library's painter
        }
        flooding = busy;
        changesAtWindowStart = changes;
        long cpu = paintCpu.getAsLong();
        window = flooding && cpu >= 0 && paintCpuAtWindowStart >= 0
                ? adapted(cpu - paintCpuAtWindowStart) : FLOOD_FRAME_NANOS;
        paintCpuAtWindowStart = cpu;
        windowStart = now;
    }

    /** The next flood window for {@code paintCpuInWindow} ns of the renderer's CPU in the last one. */
    private long adapted(long paintCpuInWindow) {
        long wanted = paintCpuInWindow * 100 / PAINT_SHARE_PERCENT;
        return Math.max(FLOOD_FRAME_NANOS, Math.min(MAX_FLOOD_FRAME_NANOS, wanted));
    }

    /** A frame by the flood's painter where {@code flood}, else by the library's. */
    private void frame(boolean flood) {
        frames++;
        floodFrameLast = flood;
        (flood ? floodPaint : paint).run();
    }

    /** Frames asked of the painter so far (the painter draws at most 50 a second of them). */
    synchronized long frames() {
        return frames;
    }

    boolean isFlooding() {
        return flooding;
    }

    /** Whether a change is waiting for the end of its window to be drawn. */
    boolean holdsBack() {
        return pending;
    }

    /** The window now running, in nanoseconds. */
    synchronized long window() {
        return window;
    }
}
