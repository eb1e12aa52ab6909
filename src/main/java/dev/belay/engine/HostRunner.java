package dev.belay.engine;

import dev.belay.ssh.exec.ExecResult;
import dev.belay.audit.SecretMasker;
import dev.belay.inventory.Host;
import dev.belay.runbook.Durations;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.Retry;
import dev.belay.runbook.SnapshotExpect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one command on one host until its expectations hold: once, or under {@code retry:} again
 * every {@code every} until {@code within} has passed. Each attempt is "started" in the log before
 * it is sent and "finished" after; the host's result says what was expected and what was seen.
 */
final class HostRunner {

    /** What to run: a step's command or its gate's ({@code purpose} "step" or "gate"). */
    record Work(String stepId, String purpose, String command, List<Expectation> expect, Retry retry,
                Duration timeout, String snapshot, SnapshotExpect snapshotExpect) {
    }

    /** A host's result: passed, or the reason it did not. */
    record Result(String host, boolean passed, String message) {
    }

    private final StepContext ctx;

    HostRunner(StepContext ctx) {
        this.ctx = ctx;
    }

    /** A host's command as resolved, its first attempt's start recorded; or why it could not be resolved. */
    record Intent(String command, String failure) {
    }

    /**
     * Resolves the command for each host and records every host's first COMMAND_STARTED in one
     * commit, before any of them runs: a step's intents cost one commit, not one a host.
     */
    List<Intent> intend(Work w, List<Host> hosts) {
        List<Intent> out = new ArrayList<>(hosts.size());
        List<RunEvent> started = new ArrayList<>(hosts.size());
        for (Host host : hosts) {
            try {
                String command = VarSubstitution.forHost(w.command(), host, ctx.capturesOf(host.name()),
                        "step '" + w.stepId() + "'");
                out.add(new Intent(command, null));
                started.add(started(w, host, 1, command));
            } catch (IllegalStateException e) {
                out.add(new Intent(null, e.getMessage()));
            }
        }
        if (!started.isEmpty()) {
            ctx.emitAll(started);
        }
        return out;
    }

    /** Runs on a host whose {@link #intend intent} is recorded. */
    Result run(Work w, Host host, Intent intent) {
        if (intent.failure() != null) {
            return finish(w, host, false, 0, intent.failure());
        }
        String command = intent.command();
        Instant deadline = w.retry() == null ? null : ctx.clock().instant().plus(w.retry().within());
        for (int attempt = 1; ; attempt++) {
            String failure = attempt(w, host, command, attempt);
            if (failure == null) {
                return finish(w, host, true, attempt, attempt == 1 ? "passed" : "passed on attempt " + attempt);
            }
            boolean timeLeft = deadline != null
                    && ctx.clock().instant().plus(w.retry().every()).isBefore(deadline);
            if (ctx.cancel().isCancelled() || !timeLeft) {
                String why = deadline == null ? failure : failure + " (" + attempt + " attempt(s) within "
                        + Durations.format(w.retry().within()) + ")";
                return finish(w, host, false, attempt, why);
            }
            Instant now = ctx.clock().instant();
            ctx.emit(new RunEvent.CountdownStarted(now, w.stepId(), new Countdown("gate".equals(w.purpose())
                    ? Countdown.Kind.GATE : Countdown.Kind.RETRY, host.name(), attempt + 1, now.plus(w.retry().every()),
                    deadline)));
            if (!ctx.pacing().sleep(ctx.cancel(), w.retry().every())) {
                return finish(w, host, false, attempt, "cancelled");
            }
        }
    }

    private RunEvent.CommandStarted started(Work w, Host host, int attempt, String command) {
        return new RunEvent.CommandStarted(ctx.clock().instant(), w.stepId(), host.name(), attempt, w.purpose(),
                ctx.masker().mask(command));
    }

    /** One execution (its start already recorded for the first); null when every expectation held, else the first failure. */
    private String attempt(Work w, Host host, String command, int attempt) {
        SecretMasker m = ctx.masker();
        String id = w.stepId();
        if (attempt > 1) {
            ctx.emit(started(w, host, attempt, command));
        }
        ExecResult r = ctx.transport().exec(host, command, w.timeout(), (line, err) ->
                ctx.emit(new RunEvent.OutputLine(ctx.clock().instant(), id, host.name(), m.mask(line), err)), ctx.cancel());
        ctx.emit(new RunEvent.CommandFinished(ctx.clock().instant(), id, host.name(), attempt, w.purpose(),
                r.outcome().label(), r.exitCode(), m.mask(r.combinedOutput()), r.elapsed().toMillis()));
        List<CheckResult> checks = ExpectationEvaluator.evaluate(w.expect(), r);
        String failure = null;
        for (CheckResult c : checks) {
            if ("step".equals(w.purpose())) {
                ctx.emit(new RunEvent.ExpectationChecked(ctx.clock().instant(), id, host.name(), attempt,
                        m.mask(c.expectation()), c.passed(), m.mask(c.expected()), m.mask(c.seen())));
            }
            if (!c.passed() && failure == null) {
                failure = host.name() + ": " + m.mask(c.expectation()) + ": expected " + m.mask(c.expected())
                        + ", saw " + m.mask(c.seen());
            }
        }
        if (failure != null) {
            return failure;
        }
        if ("step".equals(w.purpose())) {
            for (CheckResult c : checks) {
                if (c.captureName() != null) {
                    ctx.emit(new RunEvent.ValueCaptured(ctx.clock().instant(), id, host.name(), c.captureName(),
                            m.mask(c.captured())));
                }
            }
            return snapshot(w, host, m.mask(r.stdout().text()));
        }
        return null;
    }

    private String snapshot(Work w, Host host, String content) {
        if (w.snapshot() == null) {
            return null;
        }
        RunEvent.SnapshotTaken s = ctx.snapshots().take(ctx.clock().instant(), w.stepId(), host.name(), w.snapshot(), content);
        ctx.emit(s);
        if (!s.same() && w.snapshotExpect() == SnapshotExpect.SAME) {
            return host.name() + ": snapshot " + w.snapshot() + " differs from run " + s.previousRunId()
                    + " (snapshot_expect: same)";
        }
        return null;
    }

    private Result finish(Work w, Host host, boolean passed, int attempts, String message) {
        if ("step".equals(w.purpose())) {
            ctx.emit(new RunEvent.HostFinished(ctx.clock().instant(), w.stepId(), host.name(), passed, attempts, message));
        }
        return new Result(host.name(), passed, message);
    }
}
