package dev.belay.runbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The meaning checks of one runbook, on the records the loader built (possibly partial when the file
 * has shape problems): unique ids, known roles and vars, captured vars before {@code max()/min()},
 * regexes that compile with the groups they need, gates with serial, rollback rules.
 * Steps, preflight checks and rollback steps share one id space (the audit log names a step by its
 * id alone); monitors have their own.
 */
public final class RunbookValidator {

    private final Runbook rb;
    private final SourceMap map;
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> captured = new HashSet<>();

    private RunbookValidator(Runbook rb, SourceMap map, String file) {
        this.rb = rb;
        this.map = map;
        this.file = file;
    }

    public static List<Problem> validate(Runbook rb, SourceMap map, String file) {
        RunbookValidator v = new RunbookValidator(rb, map, file);
        v.run();
        return v.problems;
    }

    private void run() {
        checkIds();
        for (int i = 0; i < rb.monitors().size(); i++) {
            checkMonitor(rb.monitors().get(i), "monitors/" + i);
        }
        checkSteps(rb.preflight(), "preflight", "preflight check");
        checkSteps(rb.steps(), "steps", "step");
        checkSteps(rb.rollback(), "rollback", "rollback step");
        if (rb.onFailure() == FailurePolicy.ROLLBACK && rb.rollback().isEmpty()) {
            error("on_failure", "on_failure: rollback, but the runbook has no rollback: steps; add them or use ask");
        }
    }

    private void error(String path, String message) {
        Position p = map.at(path);
        problems.add(new Problem(file, p.line(), p.column(), message));
    }

    private void checkIds() {
        Map<String, String> first = new HashMap<>();
        for (String list : List.of("preflight", "steps", "rollback")) {
            List<Step> steps = list.equals("preflight") ? rb.preflight()
                    : list.equals("steps") ? rb.steps() : rb.rollback();
            for (int i = 0; i < steps.size(); i++) {
                String id = steps.get(i).id();
                String path = list + "/" + i;
                String prev = id == null ? null : first.putIfAbsent(id, path);
                if (prev != null) {
                    error(path + "/id", "duplicate id '" + id + "' (first used at line " + map.at(prev).line()
                            + "): ids of steps, preflight checks and rollback steps must be unique; rename one");
                }
            }
        }
        Map<String, String> monitors = new HashMap<>();
        for (int i = 0; i < rb.monitors().size(); i++) {
            String prev = monitors.putIfAbsent(rb.monitors().get(i).id(), "monitors/" + i);
            if (prev != null) {
                error("monitors/" + i + "/id", "duplicate monitor id '" + rb.monitors().get(i).id()
                        + "' (first used at line " + map.at(prev).line() + "): rename one");
            }
        }
    }

    private void checkSteps(List<Step> steps, String list, String kind) {
        List<String> newCaptures = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String path = list + "/" + i;
            String label = s.id() == null ? kind + " " + (i + 1) : kind + " '" + s.id() + "'";
            checkStep(s, path, label, list.equals("rollback"));
            List<String> mine = capturesOf(s);
            if (list.equals("steps")) {
                captured.addAll(mine); // later steps may select by it
            } else {
                newCaptures.addAll(mine);
            }
        }
        captured.addAll(newCaptures);
    }

    private static List<String> capturesOf(Step s) {
        List<String> out = new ArrayList<>();
        if (s.action() instanceof Action.Run run) {
            run.expect().forEach(e -> {
                if (e instanceof Expectation.Capture c) {
                    out.add(c.name());
                }
            });
        }
        return out;
    }

    private void checkStep(Step s, String path, String label, boolean rollback) {
        if (s.action() instanceof Action.Run run) {
            checkSelector(run.on(), path + "/on", "'on' of " + label);
            checkVars(run.command(), path + "/run", "'run' of " + label);
            checkExpectations(run.expect(), path + "/expect", label);
        } else if (s.action() instanceof Action.Terminal t) {
            checkSelector(t.host(), path + "/terminal", "'terminal' of " + label);
            checkVars(t.command(), path + "/run", "'run' of " + label);
        } else if (s.action() instanceof Action.Include inc && inc.runbookId().equals(rb.id())) {
            error(path + "/include", "include cycle: " + rb.id() + " -> " + rb.id()
                    + ": a runbook cannot include itself");
        } else if (s.action() instanceof Action.Manual m) {
            checkVars(m.prompt(), path + "/confirm", "'confirm' of " + label);
        }
        if (s.gate() != null) {
            checkGate(s, path, label);
        }
        if (s.snapshot() != null) {
            checkVars(s.snapshot(), path + "/snapshot", "'snapshot' of " + label);
        }
        if (s.when() != null) {
            checkWhen(s.when(), path + "/when", label);
        }
        checkVars(s.confirm(), path + "/confirm", "'confirm' of " + label);
        checkVars(s.title(), path + "/title", "'title' of " + label);
        if (rollback && s.pointOfNoReturn()) {
            error(path + "/point_of_no_return", "point_of_no_return in " + label
                    + ": a rollback step cannot be a point of no return; remove it");
        }
        if (s.onFailure() == FailurePolicy.ROLLBACK && rb.rollback().isEmpty()) {
            error(path + "/on_failure", "on_failure: rollback in " + label
                    + ", but the runbook has no rollback: steps; add them or use ask");
        }
    }

    private void checkGate(Step s, String path, String label) {
        Gate g = s.gate();
        if (s.serial() == null) {
            error(path + "/gate", "gate: in " + label + " runs between batches of hosts, so it needs serial: N"
                    + " (e.g. serial: 1); add serial: or remove the gate");
        }
        checkSelector(g.on(), path + "/gate/on", "'on' of the gate of " + label);
        checkVars(g.command(), path + "/gate/run", "'run' of the gate of " + label);
        checkExpectations(g.expect(), path + "/gate/expect", "the gate of " + label);
    }

    private void checkWhen(String when, String path, String label) {
        if (VarReferences.find(when).isEmpty()) {
            error(path, "when: in " + label + " must reference a var, like when: ${name}; found '" + when + "'");
        }
        checkVars(when, path, "'when' of " + label);
    }

    private void checkMonitor(Monitor m, String path) {
        String label = "monitor '" + m.id() + "'";
        if (m.probe() instanceof Monitor.Tcp tcp) {
            checkVars(tcp.target(), path + "/tcp", "'tcp' of " + label);
            if (!tcp.target().matches(".+:(\\d{1,5}|\\$\\{[^}]+})")) {
                error(path + "/tcp", "tcp: in " + label + " must be HOST:PORT, like \"${vip}:3306\"; found '"
                        + tcp.target() + "'");
            }
        } else if (m.probe() instanceof Monitor.Http http) {
            checkVars(http.url(), path + "/http", "'http' of " + label);
            if (!http.url().matches("(?i)https?://.+")) {
                error(path + "/http", "http: in " + label + " must be an http:// or https:// URL; found '"
                        + http.url() + "'");
            }
            if (http.expectStatus() > 599) {
                error(path + "/expect_status", "expect_status in " + label + " must be an HTTP status (100-599)");
            }
        } else if (m.probe() instanceof Monitor.Command c) {
            checkSelector(c.on(), path + "/on", "'on' of " + label);
            checkVars(c.command(), path + "/run", "'run' of " + label);
            checkExpectations(c.expect(), path + "/expect", label);
        }
    }

    private void checkSelector(Selector sel, String path, String where) {
        if (sel instanceof Selector.Extremum ex) {
            checkSelector(ex.base(), path, where);
            if (!captured.contains(ex.var())) {
                error(path, (ex.max() ? "max(" : "min(") + ex.var() + ") in " + where + " names '" + ex.var()
                        + "', which no earlier step captures: add capture: { " + ex.var()
                        + ": REGEX } to an earlier step's expect");
            }
            return;
        }
        String role = sel instanceof Selector.Slice sl ? sl.role() : sel instanceof Selector.Named n ? n.name() : null;
        if (role != null && !rb.roles().containsKey(role)) {
            error(path, "unknown role '" + role + "' in " + where + Suggestions.didYouMean(role, rb.roles().keySet())
                    + ": declare it under roles: (a runbook names roles, and the inventory maps them to hosts)");
        }
    }

    private void checkExpectations(List<Expectation> expect, String path, String label) {
        for (int i = 0; i < expect.size(); i++) {
            Expectation e = expect.get(i);
            String p = path + "/" + i;
            String where = "expectation " + (i + 1) + " of " + label;
            if (e instanceof Expectation.Matches m) {
                checkRegex(m.regex(), p + "/matches", where, false);
            } else if (e instanceof Expectation.NumberCheck n) {
                checkNumber(n, p, where);
            } else if (e instanceof Expectation.Capture c) {
                checkRegex(c.regex(), p + "/capture/" + c.name(), where, true);
            } else if (e instanceof Expectation.Contains c) {
                checkVars(c.text(), p + "/contains", where);
            } else if (e instanceof Expectation.NotContains c) {
                checkVars(c.text(), p + "/not_contains", where);
            } else if (e instanceof Expectation.Json j) {
                checkVars(j.equalsText(), p + "/json/equals", where);
            }
        }
    }

    private void checkNumber(Expectation.NumberCheck n, String p, String where) {
        checkRegex(n.regex(), p + "/number/match", where, true);
        if (n.min() != null && n.max() != null && n.min().compareTo(n.max()) > 0) {
            error(p + "/number/min", "min " + n.min().toPlainString() + " is above max " + n.max().toPlainString()
                    + " in " + where + ": no number can pass");
        }
        if (n.min() == null && n.max() == null && n.eq() == null) {
            error(p + "/number", "number: in " + where + " needs min:, max: or eq: to check the number against");
        }
        BigDecimal eq = n.eq();
        if (eq != null && (n.min() != null && eq.compareTo(n.min()) < 0 || n.max() != null && eq.compareTo(n.max()) > 0)) {
            error(p + "/number/eq", "eq " + eq.toPlainString() + " is outside min/max in " + where);
        }
    }

    private void checkRegex(String regex, String path, String where, boolean oneGroup) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            error(path, "regex '" + regex + "' in " + where + " does not compile: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + "; fix it (quote it with '...' in YAML)");
            return;
        }
        int groups = pattern.matcher("").groupCount();
        if (oneGroup && groups != 1) {
            error(path, "regex '" + regex + "' in " + where + " needs exactly one group ( ... ) around the value, found "
                    + groups + (groups > 1 ? "; make the others non-capturing with (?: ... )" : ""));
        }
    }

    private void checkVars(String text, String path, String where) {
        for (VarReferences.Ref ref : VarReferences.find(text)) {
            if (!ref.wellFormed()) {
                error(path, "bad variable reference '" + text.substring(ref.start(), ref.end()) + "' in " + where
                        + ": write ${name} or ${host.KEY}");
            } else if (!ref.isHost() && !rb.vars().containsKey(ref.name())) {
                error(path, "unknown variable '${" + ref.name() + "}' in " + where
                        + Suggestions.didYouMean(ref.name(), rb.vars().keySet()) + ": declare it under vars:");
            }
        }
    }
}
