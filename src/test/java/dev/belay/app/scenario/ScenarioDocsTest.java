package dev.belay.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.FaultKind;
import dev.belay.runbook.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in docs/scenarios.md is a valid scenario and reads as the page says. */
class ScenarioDocsTest {

    @Test
    void theDocumentedExampleLoads(@TempDir Path dir) throws IOException {
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("docs/scenarios.md")));
        assertThat(m.find()).isTrue();
        // The example sits in runbooks/tests/ and names ../practice-upgrade.yaml.
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("runbooks/practice-upgrade.yaml"), dir.resolve("practice-upgrade.yaml"));
        Path file = dir.resolve("tests/example.yaml");
        Files.writeString(file, m.group(1));

        LoadResult<Scenario> r = ScenarioFiles.load(file);

        assertThat(r.problems()).isEmpty();
        Scenario s = r.value();
        assertThat(s.runbook()).isEqualTo(dir.resolve("practice-upgrade.yaml").toAbsolutePath());
        assertThat(s.labHosts()).isEqualTo(3);
        assertThat(s.speed()).isEqualTo(60.0);
        assertThat(s.faults()).hasSize(2);
        assertThat(s.faults().get(0)).satisfies(f -> {
            assertThat(f.fault().kind()).isEqualTo(FaultKind.CONNECTION_DROP);
            assertThat(f.fault().host()).isEqualTo("lab-1");
            assertThat(f.atStep()).isEqualTo("rolling-restart");
        });
        assertThat(s.faults().get(1)).satisfies(f -> {
            assertThat(f.fault()).isNull();
            assertThat(f.hand()).isEqualTo(new Scenario.Hand("lab-3", "echo stopped > \"$HOME/practice-svc/run/state\""));
            assertThat(f.atStep()).isEqualTo("healthy");
        });
        assertThat(s.vars()).containsEntry("backup_dir", "practice-svc.bak");
        assertThat(s.expect().summary()).isEqualTo("stopped at rolling-restart");
        assertThat(s.expect().untouched()).containsExactly("lab-2", "lab-3");
        assertThat(s.expect().checks()).singleElement().satisfies(c -> {
            assertThat(c.host()).isEqualTo("lab-2");
            assertThat(c.expect()).hasSize(2);
        });
    }
}
