package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.Action;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import dev.belay.runbook.Step;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every shipped runbook resolves into a plan against the example inventories (roles, selectors,
 * vars), as `belay run --dry-run` would show it. Nothing connects anywhere.
 */
class ShippedPlansTest {

    private static final Path RUNBOOKS = Path.of("runbooks");

    @Test
    void everyRunbookResolvesAgainstStagingAndProduction() {
        RunbookLibrary library = RunbookLibrary.load(RUNBOOKS);
        for (Runbook rb : library.byId().values()) {
            if (rb.id().equals("practice-upgrade")) {
                continue;
            }
            for (String inventory : new String[] {"staging.example.yaml", "production.example.yaml"}) {
                String text = dryRun(rb, inventory);
                assertThat(text).as(rb.id() + " on " + inventory).startsWith("DRY RUN: " + rb.title());
                for (Step s : rb.steps()) {
                    // included steps are listed under the include's id: [ceph/noout]
                    String shown = s.action() instanceof Action.Include ? "[" + s.id() + "/" : "[" + s.id() + "]";
                    assertThat(text).as(rb.id()).contains(shown);
                }
            }
        }
    }

    @Test
    void thePracticeRunbookResolvesAgainstTheLab() {
        Runbook rb = RunbookLibrary.load(RUNBOOKS).find("practice-upgrade").orElseThrow();

        String text = dryRun(rb, "lab.yaml");

        // A three-host lab is hyper-converged: every host is a controller.
        assertThat(text).contains("on lab").contains("lab-1$").contains("lab-2$").contains("lab-3$");
    }

    private static String dryRun(Runbook rb, String inventory) {
        Map<String, String> secrets = new LinkedHashMap<>();
        rb.vars().values().stream().filter(v -> v.secret()).forEach(v -> secrets.put(v.name(), "not-a-password"));
        Plan plan = PlanFiles.load(RUNBOOKS.resolve(rb.id() + ".yaml"), RUNBOOKS.resolve("inventories/" + inventory),
                secrets);
        return DryRunRenderer.render(plan);
    }
}
