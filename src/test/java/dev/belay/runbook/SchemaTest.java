package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schemas accept every valid runbook and inventory and reject broken ones. */
class SchemaTest {

    static final Path RUNBOOK_SCHEMA = Path.of("src/main/resources/schema/runbook.schema.json");
    static final Path INVENTORY_SCHEMA = Path.of("src/main/resources/schema/inventory.schema.json");
    static final String PROJECT_HEADER = "# yaml-language-server: $schema=../src/main/resources/schema/runbook.schema.json";
    static final Pattern HEADER = Pattern.compile("# yaml-language-server: \\$schema=(\\S+)");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final java.util.Map<String, Schema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    static Schema schema(String resource) throws IOException {
        Schema cached = SCHEMAS.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schema/" + resource)) {
            Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            SCHEMAS.put(resource, s);
            return s;
        }
    }

    static List<Error> validate(String resource, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        JsonNode node = YAML.readTree(text);
        return schema(resource).validate(node);
    }

    static Stream<Path> validRunbooks() throws IOException {
        return RunbookFiles.allValid().stream();
    }

    @Test
    void thereIsAtLeastOneValidRunbookToCheck() throws IOException {
        assertThat(RunbookFiles.yaml(RunbookFiles.VALID)).hasSizeGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRunbooks")
    void validRunbookPassesTheSchemaAndTheLoader(Path file) throws IOException {
        assertThat(validate("runbook.schema.json", file)).isEmpty();
        assertThat(RunbookLibrary.load(List.of(file.getParent()), List.of()).resultOf(file).problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRunbooks")
    void validRunbookStartsWithTheSchemaHeader(Path file) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0).replace("\uFEFF", "");
        if (file.startsWith(RunbookFiles.PROJECT)) {
            assertThat(first).isEqualTo(PROJECT_HEADER);
        }
        Matcher m = HEADER.matcher(first);
        assertThat(m.matches()).as("first line of %s is a yaml-language-server $schema comment", file).isTrue();
        assertThat(file.getParent().resolve(m.group(1)).normalize()).isEqualTo(RUNBOOK_SCHEMA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-key-typo", "duration-bare-number", "two-actions", "missing-id", "bad-runbook-id",
            "gate-without-serial", "expectation-two-keys", "selector-bad-function", "point-of-no-return-rollback",
            "point-of-no-return-approvers",
            "snapshot-expect-without-snapshot", "bad-on-failure", "monitor-two-probes", "list-at-top", "steps-is-map",
            "terminal-without-run", "var-named-host", "json-pointer-without-slash"})
    void brokenRunbookIsRejectedByTheSchema(String name) throws IOException {
        assertThat(validate("runbook.schema.json", Path.of("src/test/resources/runbooks/broken/" + name + ".yaml")))
                .isNotEmpty();
    }

    @Test
    void inventoriesAreCheckedByTheirSchema() throws IOException {
        assertThat(validate("inventory.schema.json", Path.of("src/test/resources/inventories/valid/staging.yaml")))
                .isEmpty();
        for (String broken : List.of("unknown-host-key", "missing-environment", "port-out-of-range", "hosts-is-list",
                "bad-host-name", "var-is-a-map")) {
            assertThat(validate("inventory.schema.json",
                    Path.of("src/test/resources/inventories/broken/" + broken + ".yaml"))).as(broken).isNotEmpty();
        }
    }
}
