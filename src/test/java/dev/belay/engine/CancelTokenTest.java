package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancelTokenTest {

    @Test
    void aClosedRegistrationIsReleasedAndNeverRuns() {
        CancelToken token = new CancelToken();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            try (CancelToken.Registration r = token.onCancel(ran::incrementAndGet)) {
                assertThat(token.registered()).isEqualTo(1);
            }
        }
        CancelToken.Registration open = token.onCancel(ran::incrementAndGet);
        assertThat(token.registered()).isEqualTo(1);

        token.cancel();
        assertThat(ran).hasValue(1);
        open.close(); // after the cancel: harmless
        assertThat(token.registered()).isZero();
    }

    @Test
    void aRegistrationAfterTheCancelRunsAtOnce() {
        CancelToken token = new CancelToken();
        token.cancel();
        AtomicInteger ran = new AtomicInteger();
        token.onCancel(ran::incrementAndGet).close();
        assertThat(ran).hasValue(1);
    }

    @Test
    void theSameCallbackRegisteredTwiceIsTwoRegistrations() {
        CancelToken token = new CancelToken();
        AtomicInteger ran = new AtomicInteger();
        Runnable once = ran::incrementAndGet;
        CancelToken.Registration first = token.onCancel(once);
        token.onCancel(once);
        first.close();
        token.cancel();
        assertThat(ran).hasValue(1);
    }
}
