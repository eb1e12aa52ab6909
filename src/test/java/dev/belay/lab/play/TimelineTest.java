package dev.belay.lab.play;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.LabClock;
import dev.belay.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads advance one timeline at once (every host's commands and the poller); these pin down
 * what each of them may see. The blocking actions stand for a power event caught mid-way.
 */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TestClock wall = TestClock.stopped(T0);
    private final Timeline timeline = new Timeline(new LabClock(wall, 1.0));
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        timeline.close();
    }

    @Test
    void anAdvanceWaitsForAStateChangeAnotherThreadIsFiringAndFiresWhatItSchedules() throws Exception {
        AtomicBoolean bootFired = new AtomicBoolean();
        timeline.schedule(Duration.ZERO, "power:a", () -> {
            started.countDown();
            await(release);
            timeline.schedule(Duration.ZERO, "power:a", () -> bootFired.set(true));
        });
        Thread first = advancing();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean seenOnReturn = new AtomicBoolean();
        Thread second = new Thread(() -> {
            timeline.advance();
            seenOnReturn.set(bootFired.get());
        });
        second.start();
        second.join(300);
        assertThat(second.isAlive()).as("returned while the power-off was half done").isTrue();
        release.countDown();
        second.join(10_000);
        first.join(10_000);
        assertThat(second.isAlive()).isFalse();
        assertThat(seenOnReturn).as("the boot the power-off scheduled, due already, had fired").isTrue();
    }

    @Test
    void eventsOfOneLaneNeverOverlapWhileOtherLanesGoOn() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        timeline.schedule(Duration.ZERO, "power:a", () -> {
            log.add("off+");
            started.countDown();
            await(release);
            log.add("off-");
        });
        timeline.schedule(Duration.ZERO, "power:a", () -> {
            log.add("boot+");
            log.add("boot-");
        });
        timeline.schedule(Duration.ZERO, "power:b", () -> log.add("b"));
        Thread first = advancing();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = advancing();
        second.join(300);
        release.countDown();
        first.join(10_000);
        second.join(10_000);
        assertThat(log).contains("b");
        assertThat(log.stream().filter(s -> !s.equals("b"))).containsExactly("off+", "off-", "boot+", "boot-");
    }

    @Test
    void nobodyWaitsForAJobThatTakesLabTime() throws Exception {
        timeline.scheduleJob(Duration.ZERO, "systemd-run:a:run-r1", () -> {
            started.countDown();
            await(release);
        });
        advancing();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread other = advancing();
        other.join(10_000);
        assertThat(other.isAlive()).as("a command waited for another host's long job").isFalse();
    }

    @Test
    void anEventThatFiresAnotherInsideItKeepsItsOwnDueTime() {
        AtomicReference<Instant> after = new AtomicReference<>();
        timeline.schedule(Duration.ofSeconds(1), "power:a", () -> {
            timeline.schedule(Duration.ZERO, "power:b", () -> { });
            timeline.advance();
            after.set(timeline.now());
        });
        wall.advance(Duration.ofSeconds(10));
        timeline.advance();
        assertThat(after.get()).isEqualTo(T0.plusSeconds(1));
    }

    private Thread advancing() {
        Thread t = new Thread(timeline::advance, "advancing");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
