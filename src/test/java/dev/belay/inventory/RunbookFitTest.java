package dev.belay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.RunbookLoader;
import dev.belay.runbook.Runbook;
import org.junit.jupiter.api.Test;

class RunbookFitTest {

    private final Runbook rb = new RunbookLoader().load("rb.yaml", """
            id: fit
            title: Fit
            roles:
              controllers: { min: 3 }
              lb: { max: 1 }
              computes:
            steps:
              - { id: a, title: A, on: "controllers[3]", run: uptime }
              - { id: b, title: B, on: lb, run: uptime }
            """).value();

    @Test
    void reportsMissingRolesCountsAndIndexes() {
        Inventory inv = new InventoryLoader().load("inv.yaml", """
                environment: staging
                hosts: { c1: {}, c2: {}, l1: {}, l2: {} }
                roles:
                  controllers: [c1, c2]
                  lb: [l1, l2]
                  compute: [c1]
                """).value();
        assertThat(RunbookFit.problems(rb, inv)).containsExactly(
                "role 'controllers' needs at least 3 hosts; inventory 'staging' gives 2: map more hosts to it under roles:",
                "role 'lb' takes at most 1 host; inventory 'staging' gives 2: use a smaller inventory or raise max:",
                "runbook 'fit' needs role 'computes', which inventory 'staging' does not have (did you mean 'compute'?):"
                        + " add it under roles:",
                "step 'a' selects controllers[3], but inventory 'staging' has 2 hosts in 'controllers'");
    }

    @Test
    void aFittingInventoryHasNoProblems() {
        Inventory inv = new InventoryLoader().load("inv.yaml", """
                environment: lab
                hosts: { c1: {}, c2: {}, c3: {}, c4: {}, l1: {}, w1: {} }
                roles: { controllers: [c1, c2, c3, c4], lb: [l1], computes: [w1] }
                """).value();
        assertThat(RunbookFit.problems(rb, inv)).isEmpty();
    }
}
