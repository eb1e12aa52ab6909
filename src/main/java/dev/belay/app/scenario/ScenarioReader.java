package dev.belay.app.scenario;

import dev.belay.lab.Fault;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabConfig;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.ExpectationReader;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import dev.belay.runbook.Step;
import dev.belay.runbook.Suggestions;
import dev.belay.runbook.yaml.MapReader;
import dev.belay.runbook.yaml.YamlContext;
import dev.belay.runbook.yaml.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a scenario file the way runbooks are read: every problem with its line and column, unknown
 * keys with a suggestion, and the names it uses (runbook, steps, faults, hosts) checked against the
 * runbook and the lab it asks for, so a typo fails before any lab starts.
 */
public final class ScenarioReader {

    static final List<String> TOP = List.of("name", "runbook", "lab", "vars", "expect");
    static final List<String> LAB = List.of("hosts", "speed", "faults");
    static final List<String> FAULT = List.of("fault", "run", "on", "at_step");
    static final List<String> EXPECT = List.of("outcome", "at_step", "untouched", "checks");
    static final List<String> CHECK = List.of("on", "run", "expect");

    private ScenarioReader() {
    }

    /** The scenario in {@code file}, or its problems. */
    public static LoadResult<Scenario> load(Path file) {
        String shown = file.toString();
        YamlContext cx = new YamlContext(shown);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            cx.error(1, 1, "cannot read the scenario: " + e.getMessage());
            return result(null, cx, new byte[0], shown);
        }
        String text = YamlSource.decode(bytes, cx);
        Node root = text == null ? null : YamlSource.compose(text, cx, "write a scenario (name, runbook, lab, expect)");
        MappingNode m = root == null ? null : cx.map(root, "a scenario");
        Scenario s = m == null ? null : read(cx, m, file);
        return result(cx.hasProblems() ? null : s, cx, bytes, shown);
    }

    private static LoadResult<Scenario> result(Scenario s, YamlContext cx, byte[] bytes, String file) {
        return new LoadResult<>(s, cx.problems(), YamlSource.sha256(bytes), cx.sourceMap(), file);
    }

    private static Scenario read(YamlContext cx, MappingNode m, Path file) {
        MapReader top = new MapReader(cx, m, "in the scenario", "", TOP);
        String name = top.requiredText("name");
        String runbookText = top.requiredText("runbook");
        Runbook runbook = null;
        Path runbookFile = null;
        RunbookLibrary[] lib = new RunbookLibrary[1];
        if (runbookText != null) {
            Path dir = file.toAbsolutePath().getParent();
            runbookFile = dir.resolve(runbookText).normalize();
            runbook = loadRunbook(cx, top.value("runbook"), runbookFile, lib);
        }
        Set<String> steps = runbook == null ? null : stepIds(runbook, lib[0]);

        int hosts = 3;
        double speed = 1;
        List<Scenario.TimedFault> faults = new ArrayList<>();
        if (top.require("lab")) {
            MappingNode labNode = cx.map(top.value("lab"), "'lab' in the scenario");
            if (labNode != null) {
                MapReader lab = new MapReader(cx, labNode, "in 'lab'", "lab", LAB);
                Integer h = lab.integer("hosts", 1);
                if (h != null && h > LabConfig.MAX_HOSTS) {
                    cx.error(lab.value("hosts"), "'hosts' in 'lab' is at most " + LabConfig.MAX_HOSTS + ", found " + h);
                } else if (h != null) {
                    hosts = h;
                }
                if (lab.has("speed")) {
                    var n = lab.number("speed");
                    if (n != null) {
                        try {
                            new LabClock(java.time.Clock.systemUTC(), n.doubleValue());
                            speed = n.doubleValue();
                        } catch (IllegalArgumentException e) {
                            cx.error(lab.value("speed"), e.getMessage());
                        }
                    }
                }
                if (lab.has("faults")) {
                    readFaults(cx, lab.value("faults"), hosts, steps, faults);
                }
            }
        }

        Map<String, String> vars = new LinkedHashMap<>();
        if (top.has("vars")) {
            MappingNode vm = cx.map(top.value("vars"), "'vars' in the scenario");
            if (vm != null) {
                MapReader vr = new MapReader(cx, vm, "in 'vars'", "vars", null);
                for (String key : vr.entries().keySet()) {
                    String v = vr.text(key);
                    if (runbook != null && !runbook.vars().containsKey(key)) {
                        cx.error(vr.keyNode(key), "var '" + key + "' is not a var of runbook " + runbook.id()
                                + Suggestions.didYouMean(key, runbook.vars().keySet()));
                    }
                    vars.put(key, v == null ? "" : v);
                }
            }
        }

        Scenario.Expect expect = null;
        if (top.require("expect")) {
            MappingNode em = cx.map(top.value("expect"), "'expect' in the scenario");
            if (em != null) {
                expect = readExpect(cx, em, hosts, steps);
            }
        }
        if (name == null || runbookFile == null || expect == null) {
            return null;
        }
        return new Scenario(file, name, runbookFile, hosts, speed, faults, vars, expect);
    }

    private static Runbook loadRunbook(YamlContext cx, Node at, Path runbookFile, RunbookLibrary[] libOut) {
        if (!Files.isRegularFile(runbookFile)) {
            cx.error(at, "runbook " + runbookFile + " does not exist: give its path relative to this scenario");
            return null;
        }
        Path dir = runbookFile.getParent();
        RunbookLibrary lib = RunbookLibrary.load(dir == null ? List.of() : List.of(dir), List.of(runbookFile));
        LoadResult<Runbook> rb = lib.resultOf(runbookFile);
        libOut[0] = lib;
        if (rb.value() == null || !rb.problems().isEmpty()) {
            cx.error(at, "runbook " + runbookFile + " does not load: " + rb.problems().stream().findFirst()
                    .map(Problem::toString).orElse("unknown problem"));
            return null;
        }
        return rb.value();
    }

    /**
     * Every step id a run of the runbook can start: its own preflight, steps and rollback, and those
     * of the runbooks it includes under the ids the plan gives them ({@code INCLUDE-STEP/STEP}, as
     * the run's events name them), so a fault can strike at an included step.
     */
    static Set<String> stepIds(Runbook rb, RunbookLibrary lib) {
        Set<String> ids = new LinkedHashSet<>();
        addStepIds(rb, "", lib, ids, new LinkedHashSet<>());
        return ids;
    }

    private static void addStepIds(Runbook rb, String prefix, RunbookLibrary lib, Set<String> ids, Set<String> seen) {
        if (!seen.add(rb.id())) {
            return; // an include cycle: the runbook's own check reports it
        }
        Stream.of(rb.preflight(), rb.steps(), rb.rollback()).flatMap(List::stream).forEach(s -> {
            if (s.action() instanceof dev.belay.runbook.Action.Include inc) {
                lib.find(inc.runbookId()).ifPresent(child -> addStepIds(child, prefix + s.id() + "/", lib, ids, seen));
            } else {
                ids.add(prefix + s.id());
            }
        });
        seen.remove(rb.id());
    }

    private static void readFaults(YamlContext cx, Node n, int hosts, Set<String> steps, List<Scenario.TimedFault> out) {
        SequenceNode seq = cx.list(n, "'faults' in 'lab'");
        if (seq == null) {
            return;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            MappingNode fm = cx.map(item, "fault " + (i + 1) + " in 'lab'");
            if (fm == null) {
                continue;
            }
            String where = "in fault " + (i + 1);
            MapReader fr = new MapReader(cx, fm, where, "lab/faults/" + i, FAULT);
            String at = fr.text("at_step");
            if (at != null) {
                checkStep(cx, fr.value("at_step"), at, steps, where);
            }
            if (fr.has("run") || fr.has("on")) {
                if (fr.has("fault")) {
                    cx.error(fm, "fault " + (i + 1) + " in 'lab' has both 'fault' and 'run': write one per entry");
                    continue;
                }
                String on = fr.requiredText("on");
                String run = fr.requiredText("run");
                if (on != null && run != null && checkHost(cx, fr.value("on"), on, hosts)) {
                    out.add(new Scenario.TimedFault(null, new Scenario.Hand(on, run), at));
                }
                continue;
            }
            String text = fr.requiredText("fault");
            if (text == null) {
                continue;
            }
            Fault fault;
            try {
                fault = Fault.parse(text);
                new LabConfig(Path.of("."), hosts, 0, List.of(fault), 1); // the lab's own host check
            } catch (IllegalArgumentException e) {
                cx.error(fr.value("fault"), e.getMessage());
                continue;
            }
            out.add(new Scenario.TimedFault(fault, at));
        }
    }

    private static Scenario.Expect readExpect(YamlContext cx, MappingNode em, int hosts, Set<String> steps) {
        MapReader er = new MapReader(cx, em, "in 'expect'", "expect", EXPECT);
        Scenario.Outcome outcome = null;
        String o = er.requiredText("outcome");
        if (o != null) {
            try {
                outcome = Scenario.Outcome.valueOf(o.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                cx.error(er.value("outcome"), "unknown outcome '" + o + "' in 'expect': write completed, stopped,"
                        + " rolled_back or aborted");
            }
        }
        String atStep = er.text("at_step");
        if (atStep != null) {
            checkStep(cx, er.value("at_step"), atStep, steps, "in 'expect'");
        }
        if (outcome == Scenario.Outcome.STOPPED && atStep == null) {
            cx.error(em, "'expect' with outcome stopped needs 'at_step: STEP': the step the run must stop at");
        }
        if (outcome != null && outcome != Scenario.Outcome.STOPPED && atStep != null) {
            cx.error(er.value("at_step"), "'at_step' in 'expect' goes with outcome stopped only");
        }
        List<String> untouched = new ArrayList<>();
        if (er.has("untouched")) {
            SequenceNode us = cx.list(er.value("untouched"), "'untouched' in 'expect'");
            if (us != null) {
                for (Node u : us.getValue()) {
                    String h = cx.text(u, "a host in 'untouched'");
                    if (h != null && checkHost(cx, u, h, hosts)) {
                        untouched.add(h);
                    }
                }
            }
        }
        List<Scenario.Check> checks = new ArrayList<>();
        if (er.has("checks")) {
            SequenceNode cs = cx.list(er.value("checks"), "'checks' in 'expect'");
            if (cs != null) {
                for (int i = 0; i < cs.getValue().size(); i++) {
                    MappingNode cm = cx.map(cs.getValue().get(i), "check " + (i + 1) + " in 'expect'");
                    if (cm == null) {
                        continue;
                    }
                    String where = "in check " + (i + 1);
                    MapReader cr = new MapReader(cx, cm, where, "expect/checks/" + i, CHECK);
                    String on = cr.requiredText("on");
                    String run = cr.requiredText("run");
                    List<Expectation> ex = new ExpectationReader(cx).readList(cr.value("expect"), where,
                            "expect/checks/" + i + "/expect");
                    if (on != null && checkHost(cx, cr.value("on"), on, hosts) && run != null) {
                        checks.add(new Scenario.Check(on, run, ex));
                    }
                }
            }
        }
        return outcome == null ? null : new Scenario.Expect(outcome, atStep, untouched, checks);
    }

    private static void checkStep(YamlContext cx, Node at, String step, Set<String> steps, String where) {
        if (steps != null && !steps.contains(step)) {
            List<String> included = steps.stream().filter(id -> id.endsWith("/" + step)).toList();
            cx.error(at, "no step '" + step + "' in the runbook (" + where + ")" + (included.isEmpty()
                    ? Suggestions.didYouMean(step, steps)
                    : "; an included step is named by its include: " + String.join(" or ", included)));
        }
    }

    private static boolean checkHost(YamlContext cx, Node at, String host, int hosts) {
        for (int i = 1; i <= hosts; i++) {
            if (host.equals("lab-" + i)) {
                return true;
            }
        }
        cx.error(at, "no host '" + host + "' in a lab of " + hosts + ": its hosts are lab-1..lab-" + hosts);
        return false;
    }
}
