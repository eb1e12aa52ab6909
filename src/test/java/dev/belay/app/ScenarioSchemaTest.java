package dev.belay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenario JSON Schema (for editors) accepts the shipped scenarios and rejects a broken one. */
class ScenarioSchemaTest {

    private static final Path DIR = Path.of("src/main/resources/schema");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Schema schema() throws IOException {
        // The scenario's checks use the runbook schema's expectations by reference: served from the file, not fetched.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(
                "https://belay.dev/schema/runbook.schema.json", read("runbook.schema.json"))));
        return registry.getSchema(read("scenario.schema.json"));
    }

    private static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyShippedScenarioMatchesTheSchema() throws IOException {
        Schema schema = schema();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("runbooks/tests"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(schema.validate(YAML.readTree(f.toFile()))).as(f.toString()).isEmpty();
        }
    }

    @Test
    void aBrokenScenarioIsRejected() throws IOException {
        List<Error> errors = schema().validate(YAML.readTree("""
                name: x
                runbook: ../practice-upgrade.yaml
                lab: { hosts: 3, fautls: [] }
                expect:
                  outcome: stopped
                  checks: [ { on: lab-1, run: "true", expect: [ { contain: x } ] } ]
                """));
        assertThat(errors.toString()).contains("fautls").contains("at_step").contains("contain");
    }
}
