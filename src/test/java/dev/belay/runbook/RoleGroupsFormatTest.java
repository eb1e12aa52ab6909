package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code roles: { controllers: { min: 3, groups: [control, mariadb] } }}: read, checked, written back. */
class RoleGroupsFormatTest {

    private static final String RB = """
            id: groups
            title: Roles filled from groups
            component: test
            revision: 1
            roles:
              controllers: { min: 3, groups: [mariadb, control] }
              computes: { min: 0 }
            steps:
              - { id: a, title: A, on: controllers, run: "true" }
            """;

    @Test
    void groupsAreReadInOrderAndWrittenBack() {
        Runbook rb = new RunbookLoader().load("rb.yaml", RB).value();
        assertThat(rb.roles().get("controllers")).isEqualTo(new RoleSpec(3, null, List.of("mariadb", "control")));
        assertThat(rb.roles().get("computes").groups()).isEmpty();
        String yaml = new RunbookWriter().write(rb, null);
        assertThat(yaml).contains("groups:");
        assertThat(new RunbookLoader().load("again.yaml", yaml).value().roles()).isEqualTo(rb.roles());
    }

    @Test
    void badAndRepeatedGroupsAreNamedWithTheirPlace() {
        var r = new RunbookLoader().load("rb.yaml", RB.replace("[mariadb, control]", "[mariadb, 'a b', mariadb]"));
        assertThat(r.problems()).extracting(Problem::toString).containsExactly(
                "rb.yaml:6:44: group name 'a b' in role 'controllers' may use only letters, digits, '_', '.' and '-'",
                "rb.yaml:6:51: group 'mariadb' is listed twice in role 'controllers': remove one");
        var notAList = new RunbookLoader().load("rb.yaml", RB.replace("[mariadb, control]", "control"));
        assertThat(notAList.problems()).singleElement().asString().contains("'groups' of role 'controllers'");
    }
}
