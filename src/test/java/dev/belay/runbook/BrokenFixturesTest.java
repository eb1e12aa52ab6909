package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.inventory.InventoryLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken fixture produces exactly the problems of its sidecar {@code NAME.expected}
 * ({@code line:column: message} lines). Runbooks are checked the way {@code belay validate} checks
 * them: through a library of their folder, so include problems across files show up too.
 */
class BrokenFixturesTest {

    static final Path RUNBOOKS = Path.of("src/test/resources/runbooks/broken");
    static final Path INVENTORIES = Path.of("src/test/resources/inventories/broken");
    static RunbookLibrary library;

    @BeforeAll
    static void loadLibrary() {
        library = RunbookLibrary.load(RUNBOOKS);
    }

    static Stream<Path> runbooks() throws IOException {
        return yamlFiles(RUNBOOKS);
    }

    static Stream<Path> inventories() throws IOException {
        return yamlFiles(INVENTORIES);
    }

    private static Stream<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbooks")
    void brokenRunbookReportsExactlyItsExpectedProblems(Path file) throws IOException {
        check(file, library.resultOf(file).problems());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inventories")
    void brokenInventoryReportsExactlyItsExpectedProblems(Path file) throws IOException {
        check(file, new InventoryLoader().load(file).problems());
    }

    @Test
    void thereAreEnoughFixtures() throws IOException {
        assertThat(runbooks().count() + inventories().count()).isGreaterThanOrEqualTo(40);
    }

    private static void check(Path file, List<Problem> problems) throws IOException {
        List<String> actual = problems.stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
        Path sidecar = Path.of(file.toString().replaceAll("\\.yaml$", ".expected"));
        if (Boolean.getBoolean("belay.fixtures.dump")) {
            Files.write(Path.of("target", file.getFileName() + ".actual"), actual, StandardCharsets.UTF_8);
        }
        assertThat(sidecar).as("sidecar with the expected problems").exists();
        List<String> expected = Files.readAllLines(sidecar, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(expected).as("a broken fixture must expect at least one problem").isNotEmpty();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
    }
}
