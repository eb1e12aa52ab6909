package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A child JVM appending in a burst is SIGKILLed; every append it saw return must survive. */
abstract class KillDuringAppendsContract {

    static final int SEEN_BEFORE_KILL = 150;

    protected abstract String freshUrl() throws Exception;

    @Test
    void killedWriterLosesNoCommittedEventAndLeavesNoHalfWrittenOne() throws Exception {
        String url = freshUrl();
        try (AuditStore created = AuditStore.open(url)) {
            created.append(AuditStoreContract.note("before", "schema ready"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AppendBurst.class.getName(), url).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> printed = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture.runAsync(() -> {
                try {
                    String line;
                    while (printed.size() < SEEN_BEFORE_KILL && (line = out.readLine()) != null) {
                        synchronized (printed) {
                            printed.add(Long.parseLong(line.trim()));
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(120, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly(); // SIGKILL, mid-burst: the child is still appending
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(printed).hasSize(SEEN_BEFORE_KILL);
        try (AuditStore reopened = AuditStore.open(url)) {
            VerifyResult result = reopened.verify();
            assertThat(result).isInstanceOf(VerifyResult.Intact.class);
            Set<Long> stored = reopened.timeline("burst-run").stream().map(AuditEvent::seq).collect(Collectors.toSet());
            assertThat(stored).containsAll(printed);
            assertThat(((VerifyResult.Intact) result).count()).isGreaterThanOrEqualTo(printed.get(printed.size() - 1));
            reopened.append(AuditStoreContract.note("after", "log still appendable"));
            assertThat(reopened.verify()).isInstanceOf(VerifyResult.Intact.class);
        }
    }
}
