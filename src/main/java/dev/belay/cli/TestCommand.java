package dev.belay.cli;

import dev.belay.app.scenario.Coverage;
import dev.belay.app.scenario.Scenario;
import dev.belay.app.scenario.ScenarioFiles;
import dev.belay.app.scenario.ScenarioRunner;
import dev.belay.app.scenario.ScenarioWorkDir;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code belay test [PATH...]}: runs test scenarios, each on a fresh practice lab, and prints how each went. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run test scenarios (runbooks/tests/*.yaml), each on a fresh sandboxed practice lab with its",
                "faults, and compare the outcome, the untouched hosts and the final checks with what it expects.",
                "Exit 0 when every scenario passes, 1 when one fails, 2 on bad input (nothing runs then).",
                "--coverage reports which gates and preflight checks a scenario proves (exit code unchanged)."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Scenario files or folders of them (default: runbooks/tests).")
    List<Path> paths = new ArrayList<>();
    @picocli.CommandLine.Option(names = "--coverage", description = {
            "Then, for each gate and preflight check of the scenarios' runbooks, take its expectations out",
            "and run that runbook's scenarios again: a gate no scenario notices is reported unproven."})
    boolean coverage;
    @picocli.CommandLine.Option(names = "--markdown", description = {
            "With --coverage: print the coverage as Markdown table rows, sorted, for docs/runbooks.md."})
    boolean markdown;
    @picocli.CommandLine.Option(names = {"-j", "--jobs"}, paramLabel = "N", description = {
            "How many scenarios run at once, each on its own lab (default: one per core, at most 4)."})
    Integer jobs;
    @picocli.CommandLine.Option(names = "--work-dir", paramLabel = "DIR", description = {
            "Where the labs go, one fresh directory each, deleted after (default: /dev/shm/belay-test when",
            "/dev/shm is a usable memory file system, else belay-test in the temporary directory)."})
    Path workDir;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jobs != null && jobs < 1) {
            err.println("test: --jobs must be at least 1, got " + jobs);
            return RunDriver.BAD_INPUT;
        }
        List<Path> files;
        try {
            files = ScenarioFiles.find(paths.isEmpty() ? List.of(Path.of("runbooks", "tests")) : paths);
        } catch (IllegalArgumentException e) {
            err.println("test: " + e.getMessage());
            return RunDriver.BAD_INPUT;
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path f : files) {
            LoadResult<Scenario> r = ScenarioFiles.load(f);
            problems.addAll(r.problems());
            if (r.value() != null) {
                scenarios.add(r.value());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(p));
            err.println("test: " + problems.size() + " problem(s); nothing was run");
            err.flush();
            return RunDriver.BAD_INPUT;
        }
        ScenarioRunner runner = new ScenarioRunner(workDir != null ? workDir : ScenarioWorkDir.pick());
        List<ScenarioRunner.Result> results = runner.runAll(scenarios, jobs != null ? jobs : ScenarioRunner.defaultJobs(),
                s -> {
                    out.println("running " + s.name() + " (" + s.file() + ") ...");
                    out.flush();
                });
        out.print(ScenarioTable.render(results));
        out.flush();
        if (coverage) {
            List<Scenario> passing = results.stream().filter(ScenarioRunner.Result::passed)
                    .map(ScenarioRunner.Result::scenario).toList();
            try {
                List<Coverage.Row> rows = Coverage.measure(runner, passing, line -> {
                    out.println("coverage: " + line + " ...");
                    out.flush();
                });
                out.print(ScenarioTable.coverage(rows));
                if (markdown) {
                    out.print(ScenarioTable.coverageMarkdown(rows));
                }
            } catch (IOException e) {
                err.println("test: coverage stopped, a lab did not start: " + e.getMessage());
                return RunDriver.FAILED;
            }
            out.flush();
        }
        return results.stream().allMatch(ScenarioRunner.Result::passed) ? RunDriver.COMPLETED : RunDriver.FAILED;
    }
}
