package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Jump scroll on a hand-driven clock: when the painter is asked for a frame, and when not. */
class JumpScrollTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger frames = new AtomicInteger();
    private final JumpScroll jump = new JumpScroll(clock::get, frames::incrementAndGet);

    private void changes(int count) {
        for (int i = 0; i < count; i++) {
            jump.changed();
        }
    }

    private void nextWindow() {
        clock.addAndGet(JumpScroll.FLOOD_FRAME_NANOS);
        jump.tick();
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
}
