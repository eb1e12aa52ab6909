package dev.belay.app.scenario;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which gates and preflight checks the scenarios prove: each one's expectations are taken out in
 * turn ({@link Weakening}) and the scenarios of its runbook run again; a gate whose removal no
 * scenario notices (every one still passes) is unproven.
 */
public final class Coverage {

    /** One gate or check and the first scenario that fails without it (none: unproven). */
    public record Row(Weakening weakening, List<Scenario> provenBy) {
        public Row {
            provenBy = List.copyOf(provenBy);
        }

        public boolean proven() {
            return !provenBy.isEmpty();
        }
    }

    private Coverage() {
    }

    /** Runs the coverage over {@code passing} (scenarios that pass as written); {@code progress} hears each rerun. */
    public static List<Row> measure(ScenarioRunner runner, List<Scenario> passing, Consumer<String> progress)
            throws IOException, InterruptedException {
        Map<Path, List<Scenario>> byRunbook = new LinkedHashMap<>();
        passing.forEach(s -> byRunbook.computeIfAbsent(s.runbook(), k -> new ArrayList<>()).add(s));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Path, List<Scenario>> e : byRunbook.entrySet()) {
            Runbook rb = load(e.getKey());
            for (Weakening w : Weakening.of(rb)) {
                List<Scenario> noticed = new ArrayList<>();
                for (Scenario s : likeliestFirst(e.getValue(), w)) {
                    progress.accept("without the " + w.label() + " of " + rb.id() + ": " + s.name());
                    if (!runner.run(s, w).passed()) {
                        noticed.add(s);
                        break; // one scenario proves it; the rest would only cost a lab run each
                    }
                }
                rows.add(new Row(w, noticed));
            }
        }
        return rows;
    }

    /**
     * The scenarios that expect the run to stop at the weakened step first: they are the ones written
     * to prove it, so a proven gate usually costs one rerun, not one per scenario.
     */
    static List<Scenario> likeliestFirst(List<Scenario> scenarios, Weakening w) {
        List<Scenario> out = new ArrayList<>(scenarios.stream().filter(s -> w.stepId().equals(s.expect().atStep())).toList());
        scenarios.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    private static Runbook load(Path file) {
        Path dir = file.getParent();
        LoadResult<Runbook> r = RunbookLibrary.load(dir == null ? List.of() : List.of(dir), List.of(file)).resultOf(file);
        if (r.value() == null) {
            throw new IllegalStateException(file + " no longer loads: " + r.problems());
        }
        return r.value();
    }
}
