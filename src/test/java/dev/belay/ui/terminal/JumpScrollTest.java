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

    @Test
    void outputThatTricklesInIsDrawnAtEveryChange() {
        jump.caughtUp();
        jump.changed();
        jump.changed();
        assertThat(frames).hasValue(2);
        assertThat(jump.isFlooding()).isFalse();
    }

    @Test
    void aFloodIsDrawnAtOnceThenAtMostOncePerFloodFrame() {
        jump.flooding();
        jump.changed();
        assertThat(frames).as("the flood's first change").hasValue(1);
        for (int i = 0; i < 1000; i++) {
            jump.changed();
        }
        assertThat(frames).as("changes within one flood frame").hasValue(1);

        clock.addAndGet(JumpScroll.FLOOD_FRAME_NANOS);
        jump.flooding(); // the next batch, still behind
        jump.changed();
        jump.changed();
        assertThat(frames).as("the next flood frame").hasValue(2);
    }

    @Test
    void theStateAFloodLeavesIsDrawnAsSoonAsTheEmulatorCatchesUp() {
        jump.flooding();
        jump.changed();
        jump.changed();
        jump.changed();
        assertThat(frames).hasValue(1);

        jump.caughtUp();
        assertThat(frames).as("the final state, without waiting for the flood frame").hasValue(2);
        jump.caughtUp();
        assertThat(frames).as("nothing new to draw").hasValue(2);
        assertThat(jump.isFlooding()).isFalse();
        jump.changed();
        assertThat(frames).as("after the flood, every change again").hasValue(3);
    }

    @Test
    void aFloodWhoseLastChangeWasDrawnNeedsNoExtraFrame() {
        jump.flooding();
        jump.changed();
        jump.caughtUp();
        assertThat(frames).hasValue(1);
    }
}
