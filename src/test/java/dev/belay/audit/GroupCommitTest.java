package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submitted events commit together, in submit order, and each caller gets exactly its own back. */
class GroupCommitTest {

    private static final Operator OP = new Operator("Alice", "alice", "laptop");

    @TempDir
    Path dir;

    private static NewEvent note(String run, String text) {
        NewEvent e = NewEvent.of(run, OP, "db-1", EventType.NOTE);
        e.payload().put("text", text);
        return e;
    }

    @Test
    void awaitingTheLastSubmitCommitsEverySubmitBeforeItInOrder() {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("a")))) {
            AuditStore.Pending first = store.submit(List.of(note("r", "a"), note("r", "b")));
            AuditStore.Pending second = store.submit(List.of(note("r", "c")));
            assertThat(store.timeline("r")).as("nothing is committed before someone awaits").isEmpty();

            List<AuditEvent> c = second.await();
            assertThat(store.timeline("r")).extracting(e -> e.text("text")).containsExactly("a", "b", "c");
            List<AuditEvent> ab = first.await();
            assertThat(ab).extracting(AuditEvent::seq).containsExactly(1L, 2L);
            assertThat(c).extracting(AuditEvent::seq).containsExactly(3L);
            assertThat(c.get(0).prevHash()).isEqualTo(ab.get(1).hash());
            assertThat(store.verify()).isInstanceOf(VerifyResult.Intact.class);
        }
    }

    @Test
    void anOutputStagedWithItsEventIsStoredInTheSameCommitAndNotBefore() {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("o")))) {
            store.masker().addAll(List.of("hunter2"));
            StagedOutput out = store.stageOutput("r", "db-1", "password hunter2\nok\n");
            NewEvent finished = note("r", "finished");
            finished.payload().put("outputId", out.ref().id());
            AuditStore.Pending p = store.submit(List.of(finished), List.of(out));
            assertThat(store.readOutput(out.ref().id())).as("nothing is stored before someone awaits").isEmpty();
            assertThat(store.timeline("r")).isEmpty();

            assertThat(p.await()).extracting(e -> e.text("outputId")).containsExactly(out.ref().id());
            assertThat(store.readOutput(out.ref().id())).hasValue("password ******\nok\n");
            assertThat(out.ref().sha256()).isEqualTo(HashChain.sha256("password ******\nok\n"));
            assertThat(store.verify()).isInstanceOf(VerifyResult.Intact.class);
        }
    }

    @Test
    void aPayloadOverTheLimitFailsItsOwnSubmitAndNoOther() {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("b")))) {
            AuditStore.Pending fine = store.submit(List.of(note("r", "fine")));
            assertThatThrownBy(() -> store.submit(List.of(note("r", "x".repeat(AuditStore.MAX_PAYLOAD_CHARS)))))
                    .isInstanceOf(AuditException.class).hasMessageContaining("storeOutput()");
            assertThat(fine.await()).hasSize(1);
            assertThat(store.timeline("r")).extracting(e -> e.text("text")).containsExactly("fine");
        }
    }

    @Test
    void manyThreadsAppendingAtOnceKeepOneIntactChainAndGetTheirOwnEvents() throws Exception {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("c")))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String run = "run-" + t;
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        AuditEvent e = store.append(note(run, run + "/" + i));
                        mine.add(e.runId() + ":" + e.text("text"));
                    }
                    return mine;
                }));
            }
            for (int t = 0; t < 16; t++) {
                List<String> mine = results.get(t).get(2, TimeUnit.MINUTES);
                assertThat(mine).hasSize(50).allMatch(s -> s.startsWith("run-")
                        && s.substring(0, s.indexOf(':')).equals(s.substring(s.indexOf(':') + 1, s.indexOf('/'))));
                assertThat(store.timeline("run-" + t)).extracting(e -> e.text("text"))
                        .containsExactlyElementsOf(mine.stream().map(s -> s.substring(s.indexOf(':') + 1)).toList());
            }
            pool.shutdown();
            assertThat(store.verify()).isEqualTo(store.verify()).isInstanceOf(VerifyResult.Intact.class);
            assertThat(((VerifyResult.Intact) store.verify()).count()).isEqualTo(800);
        }
    }
}
