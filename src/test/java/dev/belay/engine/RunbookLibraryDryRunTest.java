package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryLoader;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import dev.belay.runbook.VarSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every runbook of the library resolves into a plan against a matching inventory (staging + deployer) and dry-runs cleanly. */
class RunbookLibraryDryRunTest {

    private static final Path RUNBOOKS = Path.of("runbooks");
    private static final Path STAGING = Path.of("src/test/resources/engine/library-inventory.yaml");

    @Test
    void everyRunbookDryRunsAgainstAMatchingInventory() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(RUNBOOKS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        Inventory staging = new InventoryLoader().load(STAGING).value();
        for (Path file : files) {
            Runbook rb = new RunbookLoader().load(file).value();
            assertThat(rb).as(file.toString()).isNotNull();
            Map<String, String> vars = new LinkedHashMap<>();
            for (VarSpec v : rb.vars().values()) {
                if (v.defaultValue() == null && !staging.vars().containsKey(v.name())) {
                    vars.put(v.name(), v.secret() ? "s3cret-" + v.name() : "given-" + v.name());
                }
            }
            Plan plan = PlanFiles.load(file, STAGING, vars);
            String text = DryRunRenderer.render(plan);
            assertThat(text).as(file.toString()).contains("DRY RUN: " + rb.title());
            plan.allSteps().forEach(s -> assertThat(text).as(file + " step " + s.id()).contains("[" + s.id() + "]"));
            assertThat(text).as(file.toString()).doesNotContain("s3cret-");
            assertThat(text).as(file.toString()).doesNotContain("${");
        }
    }
}
