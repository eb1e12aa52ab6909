package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import dev.belay.runbook.Gate;
import dev.belay.runbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs a step's command over its hosts in batches of {@code serial:} (all at once without it). A
 * failure in a batch stops the loop before the next batch; so does a failed {@code gate:} after a
 * batch. The result names the batch that failed and the hosts not touched.
 */
final class RollingLoop {

    /** A step's result: passed, or a one-line reason. */
    record Outcome(boolean passed, String message) {
    }

    private final StepContext ctx;
    private final HostRunner hosts;

    RollingLoop(StepContext ctx) {
        this.ctx = ctx;
        this.hosts = new HostRunner(ctx);
    }

    Outcome run(PlannedStep planned, List<Host> selected) {
        Step step = planned.step();
        Action.Run run = (Action.Run) step.action();
        List<Host> todo = selected.stream().filter(h -> !ctx.hostPassed(step.id(), h.name())).toList();
        int size = step.serial() == null ? Math.max(1, todo.size()) : step.serial();
        HostRunner.Work work = new HostRunner.Work(step.id(), "step", run.command(), run.expect(), step.retry(),
                run.effectiveTimeout(), step.snapshot(), step.snapshotExpect());
        List<String> done = new ArrayList<>();
        for (int from = 0, batch = 1; from < todo.size(); from += size, batch++) {
            List<Host> part = todo.subList(from, Math.min(todo.size(), from + size));
            List<String> rest = names(todo.subList(Math.min(todo.size(), from + size), todo.size()));
            List<HostRunner.Result> results = inParallel(work, part);
            List<HostRunner.Result> failed = results.stream().filter(r -> !r.passed()).toList();
            if (!failed.isEmpty()) {
                return new Outcome(false, "failed on " + String.join("; ", failed.stream().map(HostRunner.Result::message)
                        .toList()) + notTouched(rest));
            }
            done.addAll(names(part));
            if (step.gate() != null) {
                Outcome g = gate(step, batch, done, rest);
                if (!g.passed()) {
                    return g;
                }
            }
        }
        return new Outcome(true, todo.isEmpty() ? "nothing left to run" : "passed on " + String.join(", ", names(todo)));
    }

    private Outcome gate(Step step, int batch, List<String> done, List<String> rest) {
        Gate g = step.gate();
        HostRunner.Work work = new HostRunner.Work(step.id(), "gate", g.command(), g.expect(), g.retry(),
                g.timeout() == null ? Action.Run.DEFAULT_TIMEOUT : g.timeout(), null, null);
        List<Host> gateHosts;
        try {
            gateHosts = SelectorResolver.resolve(g.on(), ctx.plan().inventory(), ctx.captures());
        } catch (IllegalStateException e) {
            return new Outcome(false, "gate: " + e.getMessage());
        }
        List<HostRunner.Result> failed = inParallel(work, gateHosts).stream().filter(r -> !r.passed()).toList();
        String msg = failed.isEmpty() ? "gate held after batch " + batch
                : "gate failed after batch " + batch + " (done: " + String.join(", ", done) + "): "
                + failed.get(0).message() + notTouched(rest);
        ctx.emit(new RunEvent.GateChecked(ctx.clock().instant(), step.id(), batch, failed.isEmpty(), msg));
        return new Outcome(failed.isEmpty(), msg);
    }

    private List<HostRunner.Result> inParallel(HostRunner.Work work, List<Host> part) {
        // Every host's intent in one commit, before any command of the batch starts.
        List<HostRunner.Intent> intents = hosts.intend(work, part);
        List<Future<HostRunner.Result>> futures = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            Host h = part.get(i);
            HostRunner.Intent intent = intents.get(i);
            futures.add(ctx.hostPool().submit(() -> hosts.run(work, h, intent)));
        }
        List<HostRunner.Result> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof EventSink.EventSinkException s) {
                    throw s;
                }
                out.add(new HostRunner.Result(part.get(i).name(), false, part.get(i).name() + ": " + cause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new HostRunner.Result(part.get(i).name(), false, "interrupted"));
            }
        }
        return out;
    }

    private static String notTouched(List<String> rest) {
        return rest.isEmpty() ? "" : "; not touched: " + String.join(", ", rest);
    }

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }
}
