package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's turns: events from many host threads are applied in the order their tickets were
 * issued, and passing a turn wakes only the thread whose turn is next. A burst is made certain: the
 * first event's commit is held (a real H2 audit log behind a latch) while 31 host threads queue up
 * behind it, each seen waiting before the next starts, so ticket order is known.
 */
class RunJournalTurnsTest {

    private static final int WAITERS = 31;

    @TempDir
    Path dir;

    /** The real audit log, with the first submission's commit held until {@link #release} opens. */
    static final class HeldFirstCommit implements RunStore {
        final AuditEventSink real;
        final CountDownLatch submitted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private boolean first = true;

        HeldFirstCommit(AuditEventSink real) {
            this.real = real;
        }

        @Override
        public synchronized Durable submitAll(String runId, String operator, List<RunEvent> events) {
            Durable d = real.submitAll(runId, operator, events);
            if (!first) {
                return d;
            }
            first = false;
            submitted.countDown();
            return () -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                d.await();
            };
        }

        @Override
        public void append(String runId, String operator, RunEvent event) {
            real.append(runId, operator, event);
        }

        @Override
        public void registerSecrets(Collection<String> values) {
            real.registerSecrets(values);
        }

        @Override
        public List<RunEvent> events(String runId) {
            return real.events(runId);
        }

        @Override
        public Map<String, List<Duration>> stepDurations(String runbookId, String exceptRunId) {
            return real.stepDurations(runbookId, exceptRunId);
        }

        @Override
        public Optional<SnapshotRecord> lastSnapshot(String runbookId, String environment, String name, String host) {
            return real.lastSnapshot(runbookId, environment, name, host);
        }
    }

    @Test
    void aBurstIsAppliedInTicketOrderWakingOnlyTheNextThread() throws Exception {
        Inventory inv = new Inventory("test", Map.of("web-1", new Host("web-1", "127.0.0.1", "ci", 22, null, null,
                Map.of())), Map.of("web", List.of("web-1")), Map.of());
        Rb rb = new Rb("turns");
        rb.steps.add(run("s", "web", "true"));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), inv, Map.of());
        try (AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            HeldFirstCommit store = new HeldFirstCommit(new AuditEventSink(audit));
            RunJournal journal = new RunJournal("run-turns", store, plan);
            List<String> shown = new CopyOnWriteArrayList<>();
            journal.addListener(e -> {
                if (e instanceof RunEvent.NoteAdded n) {
                    shown.add(n.text());
                } else if (e instanceof RunEvent.OutputLine o) {
                    shown.add(o.line());
                }
            });
            List<Thread> threads = new ArrayList<>();
            Thread first = new Thread(() -> journal.emit(new RunEvent.NoteAdded(Instant.EPOCH, "first")), "ticket-0");
            first.start();
            threads.add(first);
            assertThat(store.submitted.await(30, TimeUnit.SECONDS)).as("ticket 0's commit submitted").isTrue();
            List<String> expected = new ArrayList<>(List.of("first"));
            for (int i = 1; i <= WAITERS; i++) {
                String line = "line " + i;
                Thread t = new Thread(() -> journal.emit(new RunEvent.OutputLine(Instant.EPOCH, "s", "web-1", line, false)),
                        "ticket-" + i);
                t.start();
                awaitWaiting(t); // it holds ticket i before the next thread starts
                threads.add(t);
                expected.add(line);
            }
            store.release.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(t.isAlive()).as("%s applied its event", t.getName()).isFalse();
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (shown.size() < expected.size() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(shown).containsExactlyElementsOf(expected);
            // Waking every waiter at each turn (notifyAll, as before) woke threads out of their turn 61
            // times in this burst on the loaded test machine (up to 465 if each woke at every turn); one
            // condition per waiter wakes each once, when its turn comes. The bound leaves room for a rare
            // spurious wake-up, which the JVM allows.
            assertThat(journal.wakeupsOutOfTurn()).isLessThanOrEqualTo(2);
            assertThat(store.events("run-turns")).singleElement().isInstanceOf(RunEvent.NoteAdded.class);
            journal.close();
        }
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).as("%s waits for its turn", t.getName()).isEqualTo(Thread.State.WAITING);
    }
}
