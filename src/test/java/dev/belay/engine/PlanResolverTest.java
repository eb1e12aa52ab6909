package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.inventory.Inventory;
import dev.belay.runbook.Action;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.Runbook;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plans: var precedence, substitution, includes, and errors that name the step and the fix. */
class PlanResolverTest {

    private final Inventory inv = Rb.inventory("test", 3);

    private Plan resolve(Rb rb, Map<String, String> vars) {
        return new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), inv, vars);
    }

    @Test
    void varsComeFromTheOperatorThenTheInventoryThenTheDefault() {
        Inventory withVars = new Inventory("test", inv.hosts(), inv.roles(), Map.of("b", "from-inventory", "c", "inv-c"));
        Rb rb = new Rb("vars").var("a", "default-a", false).var("b", "default-b", false).var("c", null, false);
        rb.steps.add(run("s", "web", "echo ${a} ${b} ${c} ${host.name} $HOME $(date)"));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), withVars, Map.of("a", "operator-a"));
        assertThat(((Action.Run) plan.steps().get(0).action()).command())
                .isEqualTo("echo operator-a from-inventory inv-c ${host.name} $HOME $(date)");
    }

    @Test
    void errorsNameTheStepAndTheFix() {
        Rb unknown = new Rb("unknown");
        unknown.steps.add(run("drain", "web", "echo ${nope}"));
        assertThatThrownBy(() -> resolve(unknown, Map.of())).isInstanceOf(PlanException.class)
                .hasMessageContaining("step 'drain'").hasMessageContaining("${nope}").hasMessageContaining("declare it");

        Rb missing = new Rb("missing").var("pw", null, true);
        missing.steps.add(run("s", "web", "echo ${pw}"));
        assertThatThrownBy(() -> resolve(missing, Map.of())).hasMessageContaining("no value for var(s) pw")
                .hasMessageContaining("--var");
        assertThatThrownBy(() -> resolve(missing, Map.of("pw", "x", "typo", "y"))).hasMessageContaining("--var typo");

        Rb role = new Rb("role");
        role.steps.add(run("stop", "dbs", "true"));
        assertThatThrownBy(() -> resolve(role, Map.of())).hasMessageContaining("step 'stop'")
                .hasMessageContaining("dbs");

        Rb slice = new Rb("slice");
        slice.steps.add(run("one", "web[5]", "true"));
        assertThatThrownBy(() -> resolve(slice, Map.of())).hasMessageContaining("step 'one'")
                .hasMessageContaining("has 3 host");

        Rb max = new Rb("max");
        max.steps.add(run("boot", "web | max(seqno)", "true"));
        assertThatThrownBy(() -> resolve(max, Map.of())).hasMessageContaining("step 'boot'")
                .hasMessageContaining("no step captures seqno");
    }

    @Test
    void capturedNamesStayForTheHostAndMaxResolvesOnCapturedValues() {
        Rb rb = new Rb("cap");
        rb.steps.add(run("seq", "web", "cat grastate", new Expectation.Capture("seqno", "seqno: (\\d+)")));
        rb.steps.add(run("boot", "web | max(seqno)", "start --from ${seqno}"));
        Plan plan = resolve(rb, Map.of());
        assertThat(((Action.Run) plan.steps().get(1).action()).command()).isEqualTo("start --from ${seqno}");
        var caps = Map.of("web-1", Map.of("seqno", "7"), "web-2", Map.of("seqno", "12"), "web-3", Map.of("seqno", "9"));
        assertThat(SelectorResolver.resolve(Rb.sel("web | max(seqno)"), inv, caps)).extracting(h -> h.name())
                .containsExactly("web-2");
        assertThat(SelectorResolver.resolve(Rb.sel("web | min(seqno)"), inv, caps)).extracting(h -> h.name())
                .containsExactly("web-1");
        assertThat(SelectorResolver.resolve(Rb.sel("web[1:]"), inv, caps)).extracting(h -> h.name())
                .containsExactly("web-2", "web-3");
    }

    @Test
    void includesExpandInPlaceWithQualifiedIdsAndCyclesAreRefused() {
        Rb child = new Rb("child").var("x", "child-default", false);
        child.steps.add(run("inner", "web", "echo ${x}"));
        Rb parent = new Rb("parent");
        parent.steps.add(run("before", "web", "true"));
        parent.steps.add(Rb.include("part", "child"));
        Runbook c = child.build();
        Plan plan = new PlanResolver(id -> id.equals("child") ? Optional.of(c) : Optional.empty())
                .resolve(parent.build(), inv, Map.of());
        assertThat(plan.steps()).extracting(PlannedStep::id).containsExactly("before", "part/inner");
        assertThat(plan.steps().get(1).origin()).isEqualTo("child");
        assertThat(((Action.Run) plan.steps().get(1).action()).command()).isEqualTo("echo child-default");

        Rb loop = new Rb("loop");
        loop.steps.add(Rb.include("again", "loop"));
        Runbook l = loop.build();
        assertThatThrownBy(() -> new PlanResolver(id -> Optional.of(l)).resolve(l, inv, Map.of()))
                .hasMessageContaining("cycle").hasMessageContaining("loop -> loop");
        assertThatThrownBy(() -> new PlanResolver(PlanResolver.Includes.NONE).resolve(parent.build(), inv, Map.of()))
                .hasMessageContaining("step 'part'").hasMessageContaining("not in the runbook library");
    }

    @Test
    void secretsAreKeptOutOfThePublicVars() {
        Rb rb = new Rb("s").var("pw", null, true).var("user", "admin", false);
        rb.steps.add(run("s", "web", "login ${user} ${pw}"));
        Plan plan = resolve(rb, Map.of("pw", "hunter2"));
        assertThat(plan.publicVars()).containsOnlyKeys("user");
        assertThat(plan.secretValues()).containsExactly("hunter2");
        assertThat(DryRunRenderer.render(plan)).doesNotContain("hunter2").contains("login admin ******");
    }

    @Test
    void nestedIncludesUnwindInnermostLastFirstThenTheirIncludersOwnRollback() {
        Map<String, Runbook> all = new java.util.HashMap<>();
        for (String id : new String[] {"a", "b", "c"}) {
            Rb c = new Rb(id);
            c.preflight.add(run(id + "-check", "web", "true"));
            c.steps.add(run(id + "-change", "web", "true"));
            c.rollback.add(run(id + "-undo", "web", "true"));
            all.put(id, c.build());
        }
        Rb pair = new Rb("pair");
        pair.steps.add(Rb.include("b", "b"));
        pair.steps.add(Rb.include("c", "c"));
        pair.rollback.add(run("pair-undo", "web", "true"));
        all.put("pair", pair.build());
        Rb top = new Rb("top");
        top.steps.add(Rb.include("a", "a"));
        top.steps.add(Rb.include("p", "pair"));
        top.rollback.add(run("top-undo", "web", "true"));

        Plan plan = new PlanResolver(id -> Optional.ofNullable(all.get(id))).resolve(top.build(), inv, Map.of());

        assertThat(plan.steps()).extracting(PlannedStep::id).containsExactly("a/a-check", "a/a-change",
                "p/b/b-check", "p/b/b-change", "p/c/c-check", "p/c/c-change");
        assertThat(plan.rollback()).extracting(PlannedStep::id).containsExactly("p/c/c-undo", "p/b/b-undo",
                "p/pair-undo", "a/a-undo", "top-undo");
        assertThat(plan.rollback()).extracting(PlannedStep::scope).containsExactly("p/c/", "p/b/", "p/", "a/", "");
    }
}
