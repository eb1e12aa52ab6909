package dev.belay.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** Checks the {@code include:} steps of runbooks against each other: known ids and no cycles. */
final class IncludeGraph {

    private static final List<String> LISTS = List.of("preflight", "steps", "rollback");

    private final Map<String, Runbook> all;

    IncludeGraph(Map<String, Runbook> all) {
        this.all = all;
    }

    List<Problem> check(LoadResult<Runbook> r) {
        Runbook rb = r.value();
        String file = r.file();
        List<Problem> out = new ArrayList<>();
        Map<String, VarSpec> shared = new LinkedHashMap<>(rb.vars());
        Map<String, String> declaredBy = new LinkedHashMap<>();
        rb.vars().keySet().forEach(n -> declaredBy.put(n, rb.id()));
        for (String list : LISTS) {
            List<Step> steps = stepsOf(rb, list);
            for (int i = 0; i < steps.size(); i++) {
                if (!(steps.get(i).action() instanceof Action.Include inc) || inc.runbookId().equals(rb.id())) {
                    continue; // self-includes are reported by the validator
                }
                String path = list + "/" + i + "/include";
                String label = "step '" + steps.get(i).id() + "'";
                if (!all.containsKey(inc.runbookId())) {
                    out.add(problem(r, file, path, "unknown runbook id '" + inc.runbookId() + "' in include of " + label
                            + Suggestions.didYouMean(inc.runbookId(), all.keySet())
                            + ": no runbook in the library has that id"));
                    continue;
                }
                List<String> cycle = cycleFrom(inc.runbookId(), rb.id(), new ArrayList<>(List.of(rb.id())));
                if (cycle != null) {
                    out.add(problem(r, file, path, "include cycle: " + String.join(" -> ", cycle) + " (" + label
                            + "): a runbook cannot include itself, directly or through others"));
                    continue;
                }
                for (Map.Entry<String, VarSpec> v : varsOf(inc.runbookId(), new LinkedHashSet<>()).entrySet()) {
                    VarSpec had = shared.putIfAbsent(v.getValue().name(), v.getValue());
                    declaredBy.putIfAbsent(v.getValue().name(), v.getKey().substring(0, v.getKey().indexOf(' ')));
                    String clash = had == null ? null : IncludeVars.clash(had, v.getValue());
                    if (clash != null) {
                        out.add(problem(r, file, path, "var '" + v.getValue().name() + "' of included runbook '"
                                + v.getKey().substring(0, v.getKey().indexOf(' ')) + "' " + clash + " (by '"
                                + declaredBy.get(v.getValue().name()) + "'); vars pass through includes, so give both"
                                + " the same default and secret flag, or rename one"));
                    }
                }
            }
        }
        return out;
    }

    /** The path of ids from {@code current} back to {@code target}, or null. Bounded by the ids seen. */
    private List<String> cycleFrom(String current, String target, List<String> path) {
        if (current.equals(target)) {
            path.add(current);
            return path;
        }
        if (path.contains(current) || !all.containsKey(current)) {
            return null; // another cycle not through target; reported in its own files
        }
        path.add(current);
        for (String list : LISTS) {
            for (Step s : stepsOf(all.get(current), list)) {
                if (s.action() instanceof Action.Include inc) {
                    List<String> found = cycleFrom(inc.runbookId(), target, new ArrayList<>(path));
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The vars an include brings, its own first then its includes', keyed "RUNBOOK-ID NAME" so a clash
     * can name the runbook that declared it. Bounded by {@code seen}.
     */
    private Map<String, VarSpec> varsOf(String id, Set<String> seen) {
        Map<String, VarSpec> out = new LinkedHashMap<>();
        Runbook rb = all.get(id);
        if (rb == null || !seen.add(id)) {
            return out;
        }
        rb.vars().values().forEach(v -> out.put(id + " " + v.name(), v));
        for (Step s : rb.steps()) {
            if (s.action() instanceof Action.Include inc) {
                out.putAll(varsOf(inc.runbookId(), seen));
            }
        }
        return out;
    }

    private static List<Step> stepsOf(Runbook rb, String list) {
        return switch (list) {
            case "preflight" -> rb.preflight();
            case "steps" -> rb.steps();
            default -> rb.rollback();
        };
    }

    private static Problem problem(LoadResult<Runbook> r, String file, String path, String message) {
        Position p = r.positions().at(path);
        return new Problem(file, p.line(), p.column(), message);
    }
}
