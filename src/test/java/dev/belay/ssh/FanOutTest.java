package dev.belay.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class FanOutTest {
    @TempDir
    Path dir;

    @Test
    void runsOnAHundredHostsWithBoundedConcurrencyReportingEachAsItFinishes() throws Exception {
        Path key = TestKeys.generate(dir, "id", "ed25519", "");
        try (MinaServer server = MinaServer.start(dir.resolve("host.ser"), List.of(TestKeys.pub(key)), false)) {
            Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
            List<SshTarget> targets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                targets.add(server.target("host-" + i, key));
            }
            targets.add(new SshTarget("unreachable", "127.0.0.1", 1, MinaServer.USER, key, List.of(), null));
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger maxInFlight = new AtomicInteger();
            Set<String> reported = ConcurrentHashMap.newKeySet();
            OutputListener output = (host, stream, line) -> {
                if (line.equals("begin")) {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                } else if (line.startsWith("end")) {
                    inFlight.decrementAndGet();
                }
            };

            Map<SshTarget, ExecResult> results;
            try (SshPool pool = new SshPool(TestSettings.of(dir))) {
                results = new FanOut(pool, 16).run(targets, "echo begin; sleep 0.1; echo end", Duration.ofSeconds(30),
                        output, (target, result) -> reported.add(target.name()));
            }

            assertThat(results).hasSize(101);
            assertThat(reported).hasSize(101);
            assertThat(results.keySet()).containsExactlyElementsOf(targets);
            targets.subList(0, 100).forEach(t -> {
                ExecResult r = results.get(t);
                assertThat(r.host()).isEqualTo(t.name());
                assertThat(r.outcome()).isEqualTo(new ExecOutcome.Exited(0));
            });
            assertThat(results.get(targets.get(100)).outcome()).isInstanceOf(ExecOutcome.Failed.class);
            assertThat(maxInFlight.get()).isBetween(2, 16);
        }
    }
}
