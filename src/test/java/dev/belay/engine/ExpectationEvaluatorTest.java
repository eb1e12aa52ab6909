package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.Expectation;
import dev.belay.ssh.exec.CapturedOutput;
import dev.belay.ssh.exec.ExecOutcome;
import dev.belay.ssh.exec.ExecResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each expectation kind as the format defines it, with what was expected and what was seen. */
class ExpectationEvaluatorTest {

    private static final String OUT = "wsrep_cluster_size\t3\nwsrep_local_state_comment Synced\n";

    private static CheckResult one(Expectation e, ExecResult r) {
        return ExpectationEvaluator.evaluate(List.of(e), r).get(0);
    }

    private static ExecResult ok(String out) {
        return ExecResult.exited(0, out, "", Duration.ZERO);
    }

    @Test
    void noExpectationMeansExitZero() {
        assertThat(ExpectationEvaluator.evaluate(List.of(), ok("")).get(0).passed()).isTrue();
        CheckResult r = ExpectationEvaluator.evaluate(List.of(), ExecResult.exited(2, "", "boom\n", Duration.ZERO)).get(0);
        assertThat(r.passed()).isFalse();
        assertThat(r.expected()).isEqualTo("exit status 0");
        assertThat(r.seen()).contains("exit status 2").contains("boom");
    }

    @Test
    void textChecks() {
        assertThat(one(new Expectation.Contains("Synced"), ok(OUT)).passed()).isTrue();
        CheckResult miss = one(new Expectation.Contains("Donor"), ok(OUT));
        assertThat(miss.passed()).isFalse();
        assertThat(miss.seen()).contains("not found in 2 line(s)").contains("Synced");
        assertThat(one(new Expectation.NotContains("ERROR"), ok(OUT)).passed()).isTrue();
        assertThat(one(new Expectation.NotContains("Synced"), ok(OUT)).seen()).contains("wsrep_local_state_comment");
        assertThat(one(new Expectation.Matches("^wsrep_local_state_comment\\s+Synced$"), ok(OUT)).passed()).isTrue();
        assertThat(one(new Expectation.Matches("^Synced"), ok(OUT)).passed()).isFalse();
        assertThat(one(new Expectation.Contains("warn"), ExecResult.exited(0, "", "warn: x", Duration.ZERO)).passed()).isTrue();
    }

    @Test
    void numbersAndCaptures() {
        Expectation min3 = new Expectation.NumberCheck("wsrep_cluster_size\\s+(\\d+)", BigDecimal.valueOf(3), null, null);
        assertThat(one(min3, ok(OUT)).passed()).isTrue();
        Expectation min4 = new Expectation.NumberCheck("wsrep_cluster_size\\s+(\\d+)", BigDecimal.valueOf(4), null, null);
        CheckResult low = one(min4, ok(OUT));
        assertThat(low.passed()).isFalse();
        assertThat(low.expected()).contains("min 4");
        assertThat(low.seen()).isEqualTo("3");
        CheckResult cap = one(new Expectation.Capture("size", "cluster_size\\s+(\\d+)"), ok(OUT));
        assertThat(cap.captured()).isEqualTo("3");
        assertThat(cap.captureName()).isEqualTo("size");
        assertThat(one(new Expectation.Capture("x", "nothing (\\d+)"), ok(OUT)).passed()).isFalse();
    }

    @Test
    void jsonPointerAndOutcomesOtherThanExit() {
        String json = "{\"health\":{\"status\":\"HEALTH_OK\",\"n\":3}}";
        assertThat(one(new Expectation.Json("/health/status", "HEALTH_OK"), ok(json)).passed()).isTrue();
        CheckResult warn = one(new Expectation.Json("/health/status", "HEALTH_WARN"), ok(json));
        assertThat(warn.seen()).isEqualTo("\"HEALTH_OK\"");
        assertThat(one(new Expectation.Json("/health/n", "3"), ok(json)).passed()).isTrue();
        assertThat(one(new Expectation.Json("/x", "1"), ok("not json")).seen()).contains("not JSON");
        ExecResult timedOut = new ExecResult("web-1", "sleep 9", new ExecOutcome.TimedOut(Duration.ofSeconds(1)),
                CapturedOutput.NONE, CapturedOutput.NONE, Duration.ofSeconds(1));
        CheckResult t = one(new Expectation.Contains("x"), timedOut);
        assertThat(t.passed()).isFalse();
        assertThat(t.seen()).contains("timed-out").contains("1s");
    }
}
