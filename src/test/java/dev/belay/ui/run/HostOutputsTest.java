package dev.belay.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view's output tails, filled off the FX thread from the engine's events. */
class HostOutputsTest {

    private static final Instant T = Instant.EPOCH;

    @Test
    void linesFillTheirHostsTailAndOnlyTheyStayOffTheFxThread() {
        HostOutputs outputs = new HostOutputs();
        assertThat(outputs.take(new RunEvent.CommandStarted(T, "s", "web-1", 1, "step", "echo"))).isFalse();
        assertThat(outputs.take(new RunEvent.OutputLine(T, "s", "web-1", "one", false))).isTrue();
        assertThat(outputs.take(new RunEvent.OutputLine(T, "s", "web-1", "two", false))).isTrue();
        assertThat(outputs.take(new RunEvent.OutputLine(T, "s", "web-2", "other", false))).isTrue();
        assertThat(outputs.byStep().get("s").get("web-1").lastLine()).isEqualTo("two");
        assertThat(outputs.byStep().get("s").get("web-2").text()).isEqualTo("other\n");

        // the recorded output replaces what streamed; a retry's start empties the tail again
        assertThat(outputs.take(new RunEvent.CommandFinished(T, "s", "web-1", 1, "step", "exited", 0, "one\ntwo\nthree\n", 5)))
                .isFalse();
        assertThat(outputs.byStep().get("s").get("web-1").lastLine()).isEqualTo("three");
        outputs.take(new RunEvent.CommandStarted(T, "s", "web-1", 2, "step", "echo"));
        assertThat(outputs.byStep().get("s").get("web-1").length()).isZero();

        // a check's command (not the step's) leaves the step's output alone
        outputs.take(new RunEvent.CommandFinished(T, "s", "web-2", 1, "check", "exited", 0, "check output\n", 5));
        assertThat(outputs.byStep().get("s").get("web-2").text()).isEqualTo("other\n");
    }

    @Test
    void manyHostThreadsAppendWhileAnotherThreadReads() throws Exception {
        HostOutputs outputs = new HostOutputs();
        int hosts = 8;
        int lines = 2000;
        List<Thread> threads = new ArrayList<>();
        for (int h = 1; h <= hosts; h++) {
            String host = "web-" + h;
            Thread t = new Thread(() -> {
                for (int i = 1; i <= lines; i++) {
                    outputs.take(new RunEvent.OutputLine(T, "s", host, "line " + i, false));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            while (t.isAlive()) {
                outputs.byStep().getOrDefault("s", java.util.Map.of()).values().forEach(OutputTail::text); // as a refresh reads
                t.join(1);
            }
        }
        for (int h = 1; h <= hosts; h++) {
            assertThat(outputs.byStep().get("s").get("web-" + h).lastLine()).isEqualTo("line " + lines);
        }
    }
}
