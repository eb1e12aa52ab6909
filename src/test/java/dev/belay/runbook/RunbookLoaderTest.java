package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunbookLoaderTest {

    private final RunbookLoader loader = new RunbookLoader();

    @Test
    void loadsTheFormatPageExampleIntoRecords() {
        LoadResult<Runbook> r = loader.load(Path.of("src/test/resources/runbooks/valid/galera-cluster-upgrade.yaml"));
        assertThat(r.problems()).isEmpty();
        Runbook rb = r.value();
        assertThat(rb.id()).isEqualTo("galera-cluster-upgrade");
        assertThat(rb.revision()).isEqualTo(3);
        assertThat(rb.estimate()).isEqualTo(Duration.ofMinutes(40));
        assertThat(rb.roles()).containsEntry("controllers", new RoleSpec(3, null));
        assertThat(rb.vars().get("db_pass").secret()).isTrue();
        assertThat(rb.vars().get("image").defaultValue()).isEqualTo("mariadb:10.1");
        assertThat(rb.monitors()).containsExactly(
                new Monitor("db-vip", new Monitor.Tcp("${vip}:3306"), Duration.ofSeconds(5)),
                new Monitor("keystone", new Monitor.Http("http://${vip}:5000/v3", 200), Duration.ofSeconds(5)));
        assertThat(rb.preflight().get(0).action()).isEqualTo(new Action.Run(new Selector.Named("controllers"),
                "mysql -uroot -p${db_pass} -e \"SHOW STATUS LIKE 'wsrep%'\"", null,
                java.util.List.of(new Expectation.Contains("Synced"),
                        new Expectation.NumberCheck("wsrep_cluster_size\\s+(\\d+)", new BigDecimal("3"), null, null))));
        assertThat(rb.steps()).extracting(Step::id).containsExactly("backup", "drain", "settle", "stop", "seqno",
                "bootstrap", "check-by-hand", "schema");
        Step stop = rb.steps().get(3);
        assertThat(stop.serial()).isEqualTo(1);
        assertThat(stop.gate().retry()).isEqualTo(new Retry(Duration.ofSeconds(5), Duration.ofMinutes(2)));
        assertThat(((Action.Run) rb.steps().get(5).action()).on())
                .isEqualTo(new Selector.Extremum(new Selector.Named("controllers"), "seqno", true));
        assertThat(rb.steps().get(5).pointOfNoReturn()).isTrue();
        assertThat(rb.steps().get(6).action()).isEqualTo(new Action.Terminal(
                new Selector.Slice("controllers", 0, 1, true), "mysql -uroot -p"));
        assertThat(rb.steps().get(2).action()).isEqualTo(new Action.Wait(Duration.ofSeconds(10)));
        assertThat(rb.onFailure()).isEqualTo(FailurePolicy.ASK);
        assertThat(rb.productionAutomation()).as("unattended runs on production are refused unless allowed").isFalse();
        assertThat(r.sha256()).hasSize(64);
        assertThat(r.positions().at("steps/3/gate")).isEqualTo(new Position(44, 7));
    }

    @Test
    void readsBothFormsOfPointOfNoReturn() {
        LoadResult<Runbook> r = loader.load("x.yaml", """
                id: two-people
                title: t
                roles: { web: { min: 1 } }
                steps:
                  - { id: plain, title: P, wait: 1s }
                  - { id: alone, title: A, wait: 1s, point_of_no_return: true }
                  - { id: off, title: O, wait: 1s, point_of_no_return: false }
                  - id: pair
                    title: B
                    wait: 1s
                    point_of_no_return: { approvers: 2 }
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.value().steps()).extracting(Step::id, Step::pointOfNoReturn, Step::approvers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plain", false, 0),
                org.assertj.core.groups.Tuple.tuple("alone", true, 1),
                org.assertj.core.groups.Tuple.tuple("off", false, 0),
                org.assertj.core.groups.Tuple.tuple("pair", true, 2));
    }

    @Test
    void reportsEveryProblemWithItsPosition() {
        LoadResult<Runbook> r = loader.load("x.yaml", """
                id: Bad_Id
                title: t
                steps:
                  - id: a
                    title: A
                    on: web
                    run: echo ${nope}
                    tiemout: 5s
                """);
        assertThat(r.value()).isNull();
        assertThat(r.problems()).extracting(Problem::toString).containsExactly(
                "x.yaml:1:5: runbook id 'Bad_Id' may use only lower-case letters, digits and '-', like 'bad-id'",
                "x.yaml:6:9: unknown role 'web' in 'on' of step 'a': declare it under roles: (a runbook names roles,"
                        + " and the inventory maps them to hosts)",
                "x.yaml:7:10: unknown variable '${nope}' in 'run' of step 'a': declare it under vars:",
                "x.yaml:8:5: unknown key 'tiemout' in step 'a' (did you mean 'timeout'?)");
    }

    @Test
    void automationProductionIsReadAndABadValueNamesTheChoices() {
        String base = "id: a\ntitle: t\nroles: { web: {} }\nsteps:\n  - { id: s, title: S, on: web, run: 'true' }\n";
        assertThat(loader.load("ok.yaml", base + "automation: { production: allowed }\n").value().productionAutomation())
                .isTrue();
        assertThat(loader.load("no.yaml", base + "automation: { production: refused }\n").value().productionAutomation())
                .isFalse();
        LoadResult<Runbook> bad = loader.load("bad.yaml", base + "automation: { production: yes-please }\n");
        assertThat(bad.problems()).extracting(Problem::toString).containsExactly("bad.yaml:6:27: 'production' in"
                + " 'automation' is 'yes-please': use 'allowed' (unattended --auto-confirm runs may target production)"
                + " or 'refused'");
    }
}
