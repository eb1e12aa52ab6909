package dev.belay.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The desktop's one background-task abstraction, without a stage: order, names, errors, closing. */
class BackgroundTest {

    @Test
    void aSerialBackgroundRunsTasksInOrderOnNamedDaemonThreads() throws Exception {
        try (Background b = Background.serial("test-serial")) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                b.execute(() -> seen.add(n));
            }
            Thread t = b.supply(Thread::currentThread).get(30, TimeUnit.SECONDS);
            assertThat(seen).hasSize(50).isSorted();
            assertThat(t.getName()).startsWith("test-serial-");
            assertThat(t.isDaemon()).isTrue();
        }
    }

    @Test
    void aFailingTaskFailsItsFutureAndTheThreadLivesOn() throws Exception {
        try (Background b = Background.serial("test-fail")) {
            assertThatThrownBy(() -> b.supply(() -> {
                throw new IllegalStateException("boom");
            }).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("boom");
            b.execute(() -> {
                throw new IllegalStateException("logged, not fatal");
            });
            assertThat(b.supply(() -> 42).get(30, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void laterRunsTheTaskAndAClosedBackgroundRefusesWork() throws Exception {
        Background b = Background.serial("test-later");
        CountDownLatch ran = new CountDownLatch(1);
        assertThat(b.later(Duration.ofMillis(50), ran::countDown)).isTrue();
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        b.close();
        assertThat(b.isClosed()).isTrue();
        assertThat(b.later(Duration.ofMillis(1), () -> { })).isFalse();
        assertThatThrownBy(() -> b.supply(() -> 1).get(30, TimeUnit.SECONDS)).hasMessageContaining("closed");
    }
}
