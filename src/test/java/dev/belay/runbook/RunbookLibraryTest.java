package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLibraryTest {

    @TempDir
    Path dir;

    @Test
    void indexesValidRunbooksGroupsByComponentAndExpandsIncludes() throws IOException {
        Files.writeString(dir.resolve("galera.yaml"), "id: galera\ntitle: G\ncomponent: db\nsteps:\n"
                + "  - { id: stop, title: Stop, wait: 1s }\n  - { id: start, title: Start, wait: 1s }\n");
        Files.writeString(dir.resolve("release.yml"), "id: release\ntitle: R\nsteps:\n"
                + "  - { id: begin, title: Begin, confirm: Window open }\n  - { id: db, title: DB, include: galera }\n");
        Files.writeString(dir.resolve("broken.yaml"), "id: broken\n");
        Files.writeString(dir.resolve("notes.txt"), "not a runbook");
        RunbookLibrary lib = RunbookLibrary.load(dir);
        assertThat(lib.byId()).containsOnlyKeys("galera", "release");
        assertThat(lib.byComponent()).containsOnlyKeys("", "db");
        assertThat(lib.byComponent().get("db")).extracting(Runbook::id).containsExactly("galera");
        assertThat(lib.expand("release")).extracting(ExpandedStep::qualifiedId)
                .containsExactly("begin", "db/stop", "db/start");
        assertThat(lib.expand("release").get(1).runbookId()).isEqualTo("galera");
        assertThat(lib.problems()).extracting(Problem::message)
                .containsExactly("missing required key 'title' at the top level: add 'title: ...'",
                        "missing required key 'steps' at the top level: add 'steps: ...'");
    }

    @Test
    void includingARunbookWithProblemsIsAProblemToo() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "id: a\ntitle: A\nsteps:\n  - { id: s, title: S, include: b }\n");
        Files.writeString(dir.resolve("b.yaml"), "id: b\ntitle: B\nsteps:\n  - { id: s, title: S, include: c }\n");
        Files.writeString(dir.resolve("c.yaml"), "id: c\ntitle: C\nsteps:\n  - { id: s, title: S, wait: soon }\n");
        RunbookLibrary lib = RunbookLibrary.load(dir);
        assertThat(lib.resultOf(dir.resolve("a.yaml")).problems()).extracting(Problem::toString).containsExactly(
                dir.resolve("a.yaml") + ":4:33: included runbook 'b' has problems (see " + dir.resolve("b.yaml")
                        + "): fix it first");
        assertThat(lib.byId()).isEmpty();
    }
}
