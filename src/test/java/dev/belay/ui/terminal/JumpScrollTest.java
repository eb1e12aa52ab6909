package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Jump scroll on a hand-driven clock: when the painter is asked for a frame, and when not. */
class JumpScrollTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger frames = new AtomicInteger();
    /** The renderer's CPU time so far, driven by hand as the clock is; -1: not known. */
    private final AtomicLong paintCpu = new AtomicLong(-1);
    private final JumpScroll jump = new JumpScroll(clock::get, frames::incrementAndGet, paintCpu::get);

    private void changes(int count) {
        for (int i = 0; i < count; i++) {
            jump.changed();
        }
    }

    private void nextWindow() {
        clock.addAndGet(jump.window());
        jump.tick();
    }

    /** A flood window in which the renderer used {@code paintMillis} ms of CPU. */
    private void floodWindow(long paintMillis) {
        changes(JumpScroll.FLOOD_CHANGES * 4);
        paintCpu.addAndGet(TimeUnit.MILLISECONDS.toNanos(paintMillis));
        nextWindow();
    }

    @Test
    void outputThatTricklesInIsDrawnAtEveryChange() {
        changes(JumpScroll.FLOOD_CHANGES);
        assertThat(frames).hasValue(JumpScroll.FLOOD_CHANGES);
        nextWindow();
        changes(3);
        assertThat(frames).hasValue(JumpScroll.FLOOD_CHANGES + 3);
        assertThat(jump.isFlooding()).isFalse();
        assertThat(jump.holdsBack()).isFalse();
    }

    @Test
    void aFloodIsDrawnOncePerWindowAndItsLastStateAtTheEndOfItsLastWindow() {
        changes(JumpScroll.FLOOD_CHANGES);
        int beforeTheFlood = frames.get();
        changes(1000);
        assertThat(frames).as("changes beyond the flood threshold wait").hasValue(beforeTheFlood);
        assertThat(jump.isFlooding()).isTrue();
        jump.tick();
        assertThat(frames).as("a tick within the window").hasValue(beforeTheFlood);

        nextWindow();
        assertThat(frames).as("the window's end draws what it held").hasValue(beforeTheFlood + 1);
        changes(5);
        assertThat(frames).as("the flood goes on: even a few changes wait").hasValue(beforeTheFlood + 1);
        assertThat(jump.holdsBack()).isTrue();

        nextWindow();
        assertThat(frames).as("the flood's last state").hasValue(beforeTheFlood + 2);
        assertThat(jump.holdsBack()).isFalse();
        nextWindow();
        assertThat(frames).as("nothing new to draw").hasValue(beforeTheFlood + 2);
        assertThat(jump.isFlooding()).as("a quiet window ends the flood").isFalse();
        jump.changed();
        assertThat(frames).as("after the flood, every change at once").hasValue(beforeTheFlood + 3);
    }

    @Test
    void whenTheOutputPausesForATickAFloodsLastStateIsDrawnBeforeItsWindowEnds() {
        paintCpu.set(0);
        nextWindow();
        changes(JumpScroll.FLOOD_CHANGES + 1);
        floodWindow(25); // a 250 ms window follows
        assertThat(jump.window()).isEqualTo(JumpScroll.MAX_FLOOD_FRAME_NANOS);
        int drawn = frames.get();
        changes(500); // the flood's last lines
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        jump.tick();
        assertThat(frames).as("output came since the last tick: the flood goes on").hasValue(drawn);
        assertThat(jump.holdsBack()).isTrue();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        jump.tick();
        assertThat(frames).as("a tick without output: drawn 40 ms in, not at 250 ms").hasValue(drawn + 1);
        assertThat(jump.holdsBack()).isFalse();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        jump.tick();
        assertThat(frames).as("nothing more to draw").hasValue(drawn + 1);
        changes(JumpScroll.FLOOD_CHANGES * 4);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        jump.tick();
        assertThat(frames).as("the flood resumed within its window: held again").hasValue(drawn + 1);
        assertThat(jump.holdsBack()).isTrue();
    }

    @Test
    void aWindowEndedByAChangeRatherThanATickAlsoDrawsWhatItHeld() {
        changes(JumpScroll.FLOOD_CHANGES + 10);
        int held = frames.get();
        clock.addAndGet(JumpScroll.FLOOD_FRAME_NANOS);
        // under a flood the clock is read every CLOCK_EVERY changes: the window ends within that many
        changes(JumpScroll.CLOCK_EVERY);
        assertThat(frames).as("one frame for the window that ended, the changes after it held").hasValue(held + 1);
    }

    @Test
    void aFloodWindowEndsWithinClockEveryChangesOfItsTime() {
        changes(JumpScroll.FLOOD_CHANGES + 1);
        assertThat(jump.isFlooding()).isTrue();
        int held = frames.get();
        clock.addAndGet(JumpScroll.FLOOD_FRAME_NANOS);
        int calls = 0;
        while (frames.get() == held) {
            jump.changed();
            calls++;
            assertThat(calls).as("changes after the window's time before it ended").isLessThanOrEqualTo(
                    JumpScroll.CLOCK_EVERY);
        }
        assertThat(jump.isFlooding()).as("a busy window keeps the flood").isTrue();
    }

    @Test
    void underAFloodTheWindowGrowsWithWhatAFrameCostsWithinItsBounds() {
        paintCpu.set(0);
        nextWindow(); // a quiet window's end, as the FX timeline's ticks make them: the renderer measured
        changes(JumpScroll.FLOOD_CHANGES + 1);
        assertThat(jump.window()).as("before the renderer was measured").isEqualTo(JumpScroll.FLOOD_FRAME_NANOS);
        floodWindow(20);
        // 20 ms of painting may be a tenth of the next window: 200 ms
        assertThat(jump.window()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20) * 100 / JumpScroll.PAINT_SHARE_PERCENT);
        int before = frames.get();
        changes(JumpScroll.FLOOD_CHANGES * 4);
        clock.addAndGet(JumpScroll.FLOOD_FRAME_NANOS);
        jump.tick();
        assertThat(frames).as("no frame at 100 ms of a 200 ms window").hasValue(before);
        paintCpu.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        clock.addAndGet(JumpScroll.FLOOD_FRAME_NANOS);
        jump.tick();
        assertThat(frames).as("the frame at the window's end").hasValue(before + 1);

        floodWindow(200);
        assertThat(jump.window()).as("however costly a frame").isEqualTo(JumpScroll.MAX_FLOOD_FRAME_NANOS);
        floodWindow(1);
        assertThat(jump.window()).as("however cheap").isEqualTo(JumpScroll.FLOOD_FRAME_NANOS);
        floodWindow(20);
        nextWindow(); // quiet: the flood's last state is drawn and the flood ends
        assertThat(jump.isFlooding()).isFalse();
        assertThat(jump.holdsBack()).isFalse();
        assertThat(jump.window()).as("outside a flood").isEqualTo(JumpScroll.FLOOD_FRAME_NANOS);
    }

    @Test
    void withoutTheRenderersCpuEveryFloodWindowIsTheShortest() {
        changes(JumpScroll.FLOOD_CHANGES + 1);
        floodWindow(0);
        floodWindow(0);
        assertThat(jump.isFlooding()).isTrue();
        assertThat(jump.window()).isEqualTo(JumpScroll.FLOOD_FRAME_NANOS);
    }
}
