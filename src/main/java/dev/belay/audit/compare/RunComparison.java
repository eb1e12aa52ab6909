package dev.belay.audit.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.LoggedEvent;
import dev.belay.audit.RunSummary;
import dev.belay.audit.StepDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Two runs side by side (a production run against its staging rehearsal, or against last month's):
 * each step's status and duration in both, the checks that passed in one and failed in the other, and
 * how each step's output differs per host. Hosts are paired by name, or by their place in the step
 * when the two runs used different inventories (staging {@code ctl-1} against production {@code control01}).
 */
public record RunComparison(RunSummary a, RunSummary b, List<StepRow> steps, List<CheckFlip> checks,
                            List<OutputDiff> outputs) {

    /** A step in either run; null fields where the run did not reach it. */
    public record StepRow(String stepId, String title, String statusA, String statusB, Duration tookA, Duration tookB) {
        /** B's duration minus A's, or null when either is unknown. */
        public Duration difference() {
            return tookA == null || tookB == null ? null : tookB.minus(tookA);
        }
    }

    /** A check that passed in one run and failed in the other. */
    public record CheckFlip(String stepId, String expectation, String inA, String inB) { }

    /** The last output of a step on a host in each run, and a unified diff of the two (empty when equal). */
    public record OutputDiff(String stepId, String hostA, String hostB, String outputA, String outputB, List<String> diff) {
        public boolean same() {
            return diff.isEmpty();
        }
    }

    private static final int CONTEXT = 2;

    /** Compares two stored runs; empty when either is not in the log. */
    public static Optional<RunComparison> load(AuditStore store, String runA, String runB) {
        Optional<RunSummary> a = store.run(runA);
        Optional<RunSummary> b = store.run(runB);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        List<AuditEvent> ta = store.timeline(runA);
        List<AuditEvent> tb = store.timeline(runB);
        return Optional.of(new RunComparison(a.get(), b.get(), steps(store.stepDurations(runA), store.stepDurations(runB)),
                checks(ta, tb), outputs(store, ta, tb)));
    }

    private static List<StepRow> steps(List<StepDuration> a, List<StepDuration> b) {
        Map<String, StepDuration> inA = new LinkedHashMap<>();
        a.forEach(s -> inA.put(s.stepId(), s));
        Map<String, StepDuration> inB = new LinkedHashMap<>();
        b.forEach(s -> inB.put(s.stepId(), s));
        Set<String> ids = new LinkedHashSet<>(inA.keySet());
        ids.addAll(inB.keySet());
        List<StepRow> out = new ArrayList<>();
        for (String id : ids) {
            StepDuration x = inA.get(id);
            StepDuration y = inB.get(id);
            out.add(new StepRow(id, x != null ? x.title() : y.title(), x == null ? null : x.status(),
                    y == null ? null : y.status(), x == null ? null : x.actual(), y == null ? null : y.actual()));
        }
        return out;
    }

    /** Per step and check: "passed", or "failed on HOSTS: seen ..." (the last attempt on each host counts). */
    private static Map<String, String> checkResults(List<AuditEvent> timeline) {
        Map<String, Map<String, LoggedEvent.ExpectationChecked>> last = new LinkedHashMap<>();
        for (AuditEvent e : timeline) {
            if (e.event() instanceof LoggedEvent.ExpectationChecked x) {
                // By host name: hosts finish in any order, and the comparison must read the same each time.
                last.computeIfAbsent(x.stepId() + "\u0000" + x.expectation(), k -> new java.util.TreeMap<>())
                        .put(host(e), x);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        last.forEach((key, byHost) -> {
            List<String> failed = byHost.entrySet().stream().filter(x -> !x.getValue().passed())
                    .map(x -> x.getKey() + " (saw " + x.getValue().seen() + ")").toList();
            out.put(key, failed.isEmpty() ? "passed" : "failed on " + String.join(", ", failed));
        });
        return out;
    }

    private static List<CheckFlip> checks(List<AuditEvent> a, List<AuditEvent> b) {
        Map<String, String> ra = checkResults(a);
        Map<String, String> rb = checkResults(b);
        List<CheckFlip> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(ra.keySet());
        keys.addAll(rb.keySet());
        for (String k : keys) {
            String x = ra.get(k);
            String y = rb.get(k);
            if (x != null && y != null && x.equals("passed") != y.equals("passed")) {
                String[] parts = k.split("\u0000", 2);
                out.add(new CheckFlip(parts[0], parts[1], x, y));
            }
        }
        return out;
    }

    private static List<OutputDiff> outputs(AuditStore store, List<AuditEvent> a, List<AuditEvent> b) {
        Map<String, Map<String, String>> oa = lastOutputs(a);
        Map<String, Map<String, String>> ob = lastOutputs(b);
        List<OutputDiff> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> step : oa.entrySet()) {
            Map<String, String> hostsB = ob.get(step.getKey());
            if (hostsB == null) {
                continue;
            }
            List<String> namesA = new ArrayList<>(step.getValue().keySet());
            List<String> namesB = new ArrayList<>(hostsB.keySet());
            boolean sameNames = new LinkedHashSet<>(namesA).equals(new LinkedHashSet<>(namesB));
            for (int i = 0; i < namesA.size(); i++) {
                String ha = namesA.get(i);
                String hb = sameNames ? ha : i < namesB.size() ? namesB.get(i) : null;
                if (hb == null) {
                    break;
                }
                String textA = output(store, step.getValue().get(ha));
                String textB = output(store, hostsB.get(hb));
                out.add(new OutputDiff(step.getKey(), ha, hb, textA, textB, diff(textA, textB,
                        "run " + "A " + ha, "run B " + hb)));
            }
        }
        return out;
    }

    /** Per step, per host (in the order hosts first ran it), the last step command's output id. */
    private static Map<String, Map<String, String>> lastOutputs(List<AuditEvent> timeline) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (AuditEvent e : timeline) {
            if (e.event() instanceof LoggedEvent.CommandFinished f && f.outputId() != null
                    && (f.purpose() == null || f.purpose().isEmpty() || f.purpose().equals("step"))) {
                out.computeIfAbsent(f.stepId(), k -> new LinkedHashMap<>()).put(host(e), f.outputId());
            }
        }
        return out;
    }

    private static String output(AuditStore store, String outputId) {
        return store.readOutput(outputId).orElse("");
    }

    static List<String> diff(String a, String b, String nameA, String nameB) {
        if (Objects.equals(a, b)) {
            return List.of();
        }
        List<String> la = a.lines().toList();
        List<String> lb = b.lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff(nameA, nameB, la, DiffUtils.diff(la, lb), CONTEXT);
    }

    private static String host(AuditEvent e) {
        String h = e.targetHost() != null ? e.targetHost() : e.event().host();
        return h == null ? "" : h;
    }
}
