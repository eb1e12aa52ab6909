package dev.belay.engine;

import dev.belay.runbook.Action;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.Gate;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies plan-time {@link VarSubstitution} to every text of a step, a gate or a monitor. */
final class StepSubstitution {

    private final Map<String, String> vars;
    private final Set<String> late;

    StepSubstitution(Map<String, String> vars, Set<String> late) {
        this.vars = vars;
        this.late = late;
    }

    Step step(Step s) {
        String where = "step '" + s.id() + "'";
        return new Step(s.id(), sub(s.title(), where), sub(s.description(), where), action(s.action(), where),
                sub(s.confirm(), where), sub(s.when(), where), s.estimate(), s.serial(), s.retry(), s.pointOfNoReturn(),
                s.onFailure(), gate(s.gate(), where + " gate"), sub(s.snapshot(), where), s.snapshotExpect(),
                s.approvers());
    }

    Monitor monitor(Monitor m) {
        String where = "monitor '" + m.id() + "'";
        Monitor.Probe p = m.probe();
        Monitor.Probe q;
        if (p instanceof Monitor.Tcp t) {
            q = new Monitor.Tcp(sub(t.target(), where));
        } else if (p instanceof Monitor.Http h) {
            q = new Monitor.Http(sub(h.url(), where), h.expectStatus());
        } else {
            Monitor.Command c = (Monitor.Command) p;
            q = new Monitor.Command(c.on(), sub(c.command(), where), expect(c.expect(), where));
        }
        return new Monitor(m.id(), q, m.every());
    }

    private Action action(Action a, String where) {
        if (a instanceof Action.Run r) {
            return new Action.Run(r.on(), sub(r.command(), where), r.timeout(), expect(r.expect(), where));
        }
        if (a instanceof Action.Terminal t) {
            return new Action.Terminal(t.host(), sub(t.command(), where));
        }
        if (a instanceof Action.Manual m) {
            return new Action.Manual(sub(m.prompt(), where));
        }
        return a;
    }

    private Gate gate(Gate g, String where) {
        if (g == null) {
            return null;
        }
        return new Gate(g.on(), sub(g.command(), where), expect(g.expect(), where), g.retry(), g.timeout());
    }

    private List<Expectation> expect(List<Expectation> list, String where) {
        return list.stream().map(e -> expectation(e, where)).toList();
    }

    private Expectation expectation(Expectation e, String where) {
        if (e instanceof Expectation.Contains c) {
            return new Expectation.Contains(sub(c.text(), where));
        }
        if (e instanceof Expectation.NotContains c) {
            return new Expectation.NotContains(sub(c.text(), where));
        }
        if (e instanceof Expectation.Json j) {
            return new Expectation.Json(j.pointer(), sub(j.equalsText(), where));
        }
        return e;
    }

    private String sub(String text, String where) {
        return VarSubstitution.planTime(text, vars, late, where);
    }
}
