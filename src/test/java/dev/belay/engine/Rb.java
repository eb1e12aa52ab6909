package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Action;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.FailurePolicy;
import dev.belay.runbook.Gate;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.Retry;
import dev.belay.runbook.RoleSpec;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.Selector;
import dev.belay.runbook.SnapshotExpect;
import dev.belay.runbook.Step;
import dev.belay.runbook.VarSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds runbook and inventory records for engine tests without YAML. */
final class Rb {

    final String id;
    final Map<String, VarSpec> vars = new LinkedHashMap<>();
    final List<Monitor> monitors = new ArrayList<>();
    final List<Step> preflight = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<Step> rollback = new ArrayList<>();
    FailurePolicy onFailure = FailurePolicy.ASK;
    Duration estimate;

    Rb(String id) {
        this.id = id;
    }

    Runbook build() {
        return new Runbook(id, "Test " + id, "test", 1, "", estimate, Map.of("web", RoleSpec.ANY), vars, monitors,
                preflight, steps, onFailure, rollback);
    }

    Rb var(String name, String def, boolean secret) {
        vars.put(name, new VarSpec(name, name, def, secret));
        return this;
    }

    static Step run(String id, String on, String command, Expectation... expect) {
        return new Step(id, "Run " + id, null, new Action.Run(sel(on), command, null, List.of(expect)), null, null,
                null, null, null, false, null, null, null, null);
    }

    static Step with(Step s, Integer serial, Retry retry, Duration timeout, boolean ponr, Gate gate, String snapshot,
                     SnapshotExpect se, String confirm) {
        Action a = s.action();
        if (a instanceof Action.Run r && timeout != null) {
            a = new Action.Run(r.on(), r.command(), timeout, r.expect());
        }
        return new Step(s.id(), s.title(), null, a, confirm, s.when(), s.estimate(), serial, retry, ponr, s.onFailure(),
                gate, snapshot, se);
    }

    static Step serial(Step s, int n) {
        return with(s, n, null, null, false, null, null, null, null);
    }

    static Step retry(Step s, Duration every, Duration within) {
        return with(s, s.serial(), new Retry(every, within), null, s.pointOfNoReturn(), s.gate(), s.snapshot(), null, s.confirm());
    }

    static Step timeout(Step s, Duration t) {
        return with(s, s.serial(), s.retry(), t, s.pointOfNoReturn(), s.gate(), s.snapshot(), null, s.confirm());
    }

    static Step ponr(Step s) {
        return with(s, s.serial(), s.retry(), null, true, s.gate(), s.snapshot(), null, s.confirm());
    }

    /** A point of no return that {@code approvers} different people approve. */
    static Step ponr(Step s, int approvers) {
        return new Step(s.id(), s.title(), s.description(), s.action(), s.confirm(), s.when(), s.estimate(), s.serial(),
                s.retry(), true, s.onFailure(), s.gate(), s.snapshot(), s.snapshotExpect(), approvers);
    }

    static Step snapshot(Step s, String name, SnapshotExpect se) {
        return with(s, s.serial(), s.retry(), null, s.pointOfNoReturn(), s.gate(), name, se, s.confirm());
    }

    static Step confirm(String id, String prompt) {
        return new Step(id, "Confirm " + id, null, new Action.Manual(prompt), null, null, null, null, null, false, null,
                null, null, null);
    }

    static Step waitFor(String id, Duration d) {
        return new Step(id, "Wait " + id, null, new Action.Wait(d), null, null, null, null, null, false, null, null,
                null, null);
    }

    static Step include(String id, String runbook) {
        return new Step(id, "Include " + runbook, null, new Action.Include(runbook), null, null, null, null, null,
                false, null, null, null, null);
    }

    static Selector sel(String text) {
        int bar = text.indexOf('|');
        if (bar > 0) {
            String fn = text.substring(bar + 1).trim();
            boolean max = fn.startsWith("max");
            String var = fn.substring(4, fn.length() - 1);
            return new Selector.Extremum(sel(text.substring(0, bar).trim()), var, max);
        }
        int br = text.indexOf('[');
        if (br > 0) {
            String inner = text.substring(br + 1, text.length() - 1);
            String role = text.substring(0, br);
            if (!inner.contains(":")) {
                int i = Integer.parseInt(inner);
                return new Selector.Slice(role, i, i + 1, true);
            }
            String[] p = inner.split(":", -1);
            return new Selector.Slice(role, Integer.parseInt(p[0]), p[1].isEmpty() ? null : Integer.parseInt(p[1]), false);
        }
        return new Selector.Named(text);
    }

    static Inventory inventory(String env, int n) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = "web-" + i;
            hosts.put(name, new Host(name, "10.0.0." + i, "ops", 22, null, null, Map.of("rack", "r" + i)));
            names.add(name);
        }
        return new Inventory(env, hosts, Map.of("web", names), Map.of());
    }
}
