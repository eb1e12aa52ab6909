package dev.belay.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario's {@code at_step} may name a step that an include brings, by the id the run gives it. */
class ScenarioIncludedStepTest {

    @TempDir
    Path dir;

    private LoadResult<Scenario> scenarioAt(String step) throws IOException {
        Files.writeString(dir.resolve("child.yaml"), """
                id: child
                title: Child
                roles:
                  controllers: { min: 1 }
                preflight:
                  - { id: child-check, title: Check, on: controllers, run: "true" }
                steps:
                  - { id: child-step, title: Step, on: controllers, run: "true" }
                """);
        Files.writeString(dir.resolve("parent.yaml"), """
                id: parent
                title: Parent
                roles:
                  controllers: { min: 1 }
                steps:
                  - { id: own, title: Own, on: controllers, run: "true" }
                  - { id: inner, title: Inner, include: child }
                """);
        Files.createDirectories(dir.resolve("tests"));
        Path file = dir.resolve("tests/s.yaml");
        Files.writeString(file, """
                name: at an included step
                runbook: ../parent.yaml
                lab:
                  hosts: 1
                  faults: [ { fault: disk-full@lab-1, at_step: %s } ]
                expect: { outcome: stopped, at_step: %s }
                """.formatted(step, step));
        return ScenarioFiles.load(file);
    }

    @Test
    void anIncludedStepAndAnIncludedPreflightCheckCanBeNamed() throws IOException {
        assertThat(scenarioAt("inner/child-step").problems()).isEmpty();
        assertThat(scenarioAt("inner/child-check").problems()).isEmpty();
    }

    @Test
    void theBareIdOfAnIncludedStepIsRefusedWithTheQualifiedOneSuggested() throws IOException {
        LoadResult<Scenario> r = scenarioAt("child-step");
        assertThat(r.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .contains("no step 'child-step'").contains("inner/child-step"));
    }
}
