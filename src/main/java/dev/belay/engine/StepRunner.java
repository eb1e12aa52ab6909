package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import dev.belay.runbook.Durations;
import dev.belay.runbook.VarReferences;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Executes one step by its action: {@code run:} through the {@link RollingLoop}; {@code terminal:}
 * hands its command to the terminal and waits for the tick; {@code confirm:} waits for the tick;
 * {@code wait:} counts down. Selectors are resolved here, at the moment the step starts.
 */
final class StepRunner {

    private static final Set<String> FALSE = Set.of("", "false", "no", "0", "off");

    /** True when a {@code when:} whose vars are all filled in skips its step (what a dry run shows). */
    static boolean skips(String when) {
        return FALSE.contains(when.strip().toLowerCase(Locale.ROOT));
    }

    private final StepContext ctx;
    private final RollingLoop loop;

    StepRunner(StepContext ctx) {
        this.ctx = ctx;
        this.loop = new RollingLoop(ctx);
    }

    void execute(PlannedStep step) {
        // A when: on a captured value is decided now, with the latest value captured on any host.
        String when = VarSubstitution.withValues(step.step().when(), ctx.capturesOf(""));
        // a name nothing has captured yet counts as empty
        if (when != null && FALSE.contains(VarReferences.replace(when, ref -> "").strip().toLowerCase(Locale.ROOT))) {
            ctx.emit(new RunEvent.StepSkipped(now(), step.id(), "when: is '" + when.strip() + "'", false));
            return;
        }
        Action a = step.action();
        if (a instanceof Action.Run) {
            run(step);
        } else if (a instanceof Action.Terminal t) {
            terminal(step, t);
        } else if (a instanceof Action.Wait w) {
            started(step, List.of());
            if (ctx.mode() == RunMode.LIVE) {
                ctx.emit(new RunEvent.CountdownStarted(now(), step.id(),
                        new Countdown(Countdown.Kind.WAIT, null, 0, now().plus(w.duration()), null)));
            }
            if (ctx.mode() == RunMode.LIVE && !ctx.pacing().sleep(ctx.cancel(), w.duration())) {
                ctx.emit(new RunEvent.StepFinished(now(), step.id(), false, "cancelled during the wait"));
                return;
            }
            ctx.emit(new RunEvent.StepFinished(now(), step.id(), true, "waited " + Durations.format(w.duration())));
        } else {
            started(step, List.of());
            autoConfirm(step);
        }
    }

    private void run(PlannedStep step) {
        Action.Run run = (Action.Run) step.action();
        List<Host> hosts;
        try {
            hosts = SelectorResolver.resolve(run.on(), ctx.plan().inventory(), ctx.captures());
        } catch (IllegalStateException e) {
            started(step, List.of());
            ctx.emit(new RunEvent.StepFinished(now(), step.id(), false, "step '" + step.id() + "': " + e.getMessage()));
            return;
        }
        started(step, hosts.stream().map(Host::name).toList());
        if (ctx.mode() == RunMode.DRY_RUN) {
            ctx.emit(new RunEvent.StepFinished(now(), step.id(), true, "dry run: rendered, not executed"));
            autoConfirm(step);
            return;
        }
        RollingLoop.Outcome outcome = loop.run(step, hosts);
        String message = ctx.cancel().isCancelled() && !outcome.passed() ? "cancelled: " + outcome.message()
                : outcome.message();
        ctx.emit(new RunEvent.StepFinished(now(), step.id(), outcome.passed(), message));
        if (outcome.passed() && step.needsConfirmation()) {
            autoConfirm(step);
        }
    }

    private void terminal(PlannedStep step, Action.Terminal t) {
        Host host;
        String command;
        try {
            host = SelectorResolver.resolve(t.host(), ctx.plan().inventory(), ctx.captures()).get(0);
            command = VarSubstitution.forHost(t.command(), host, ctx.capturesOf(host.name()), "step '" + step.id() + "'");
        } catch (IllegalStateException e) {
            started(step, List.of());
            ctx.emit(new RunEvent.StepFinished(now(), step.id(), false, "step '" + step.id() + "': " + e.getMessage()));
            return;
        }
        started(step, List.of(host.name()));
        ctx.emit(new RunEvent.TerminalRequested(now(), step.id(), host.name(), ctx.masker().mask(command)));
        autoConfirm(step);
    }

    /** With --auto-confirm (or in a dry run) the tick is given at once, and recorded as automatic. */
    private void autoConfirm(PlannedStep step) {
        if (ctx.mode() == RunMode.DRY_RUN) {
            Confirmation.record(ctx::emit, now(), step.id(), "dry run", true);
        } else if (ctx.autoConfirm()) {
            Confirmation.record(ctx::emit, now(), step.id(), "--auto-confirm", true);
        }
    }

    private void started(PlannedStep step, List<String> hosts) {
        Double estimate = step.estimate() == null ? null : step.estimate().toMillis() / 1000.0;
        ctx.emit(new RunEvent.StepStarted(now(), step.id(), ctx.masker().mask(step.title()), estimate, step.phase(), hosts));
    }

    private java.time.Instant now() {
        return ctx.clock().instant();
    }
}
