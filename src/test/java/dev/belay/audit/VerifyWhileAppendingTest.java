package dev.belay.audit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Events appended while a verify runs, on a real H2 file: the verify is held by a latch at each point
 * between its reads (not a timed window) while another thread commits five appends, one at a time.
 * It must vouch for the log as it stood when it began, never take the new events for ones deleted
 * from the end, and a verify after it covers them too. Both ways of reading: one reader, and 4 parts.
 */
class VerifyWhileAppendingTest {

    private static final int EVENTS = 60;
    private static final int MORE = 5;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} part(s), appends after {1}")
    @CsvSource({"1, HEAD_READ", "1, ROWS_READ", "4, HEAD_READ", "4, ROWS_READ"})
    void appendsDuringAVerifyAreNotTakenForDeletions(int parts, ChainVerifier.Stage holdAt) throws Exception {
        String url = AuditStore.h2Url(dir.resolve("log"));
        try (AuditStore store = AuditStore.open(url, TestClock.ticking(TestClock.MORNING))) {
            AuditEvent last = append(store, EVENTS);
            Database db = new Database(url);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch appended = new CountDownLatch(1);
            List<ChainVerifier.Stage> passed = new CopyOnWriteArrayList<>();
            ChainVerifier.Pause pause = stage -> {
                passed.add(stage);
                if (stage == holdAt && held.getCount() > 0) {
                    held.countDown();
                    try {
                        assertThat(appended.await(60, SECONDS)).as("the appends finished").isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            };
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<VerifyResult> verifying = thread.submit(() -> {
                    try (Connection c = db.connect()) {
                        return new ChainVerifier(db, c, parts, 10, pause).verify();
                    }
                });
                // Bounded so a verify that never reaches the point fails the test instead of hanging it.
                assertThat(held.await(60, SECONDS)).as("the verify reached " + holdAt).isTrue();
                AuditEvent appendedLast = append(store, MORE);
                appended.countDown();

                assertThat(verifying.get(60, SECONDS)).isEqualTo(new VerifyResult.Intact(EVENTS, last.hash()));
                // Each stage once: the parts vouched by themselves, without falling back to the walk.
                assertThat(passed).containsExactly(ChainVerifier.Stage.HEAD_READ, ChainVerifier.Stage.ROWS_READ);
                assertThat(store.verify()).isEqualTo(new VerifyResult.Intact(EVENTS + MORE, appendedLast.hash()));
            } finally {
                thread.shutdownNow();
            }
        }
    }

    /** {@code n} notes, each in its own commit; the last one. */
    private static AuditEvent append(AuditStore store, int n) {
        AuditEvent last = null;
        for (int i = 0; i < n; i++) {
            NewEvent e = NewEvent.of("run-1", new Operator("alice", "alice", "ws-1"), "db-1", EventType.NOTE);
            e.payload().put("text", "note " + i);
            last = store.append(e);
        }
        return last;
    }
}
