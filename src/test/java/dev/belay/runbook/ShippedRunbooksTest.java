package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runbooks and inventories shipped in runbooks/ load without a single problem. */
class ShippedRunbooksTest {

    private static final Path FOLDER = Path.of("runbooks");

    @Test
    void everyShippedRunbookValidates() {
        RunbookLibrary library = RunbookLibrary.load(FOLDER);

        assertThat(library.problems()).isEmpty();
        assertThat(library.byId()).hasSize(yamlFiles(FOLDER).size()).containsKeys(
                "practice-upgrade", "rabbitmq-cluster-upgrade", "galera-cluster-upgrade", "galera-recovery",
                "ceph-upgrade", "host-os-upgrade", "openstack-service-upgrade", "nova-cells-v2-placement",
                "upgrade-with-rollback", "upgrade-verification", "multi-release-upgrade");
    }

    @Test
    void everyRunbookNamesTheSchemaAndIsNamedForItsId() throws IOException {
        RunbookLibrary library = RunbookLibrary.load(FOLDER);
        for (Path file : yamlFiles(FOLDER)) {
            String text = Files.readString(file);
            assertThat(text).as(file.toString())
                    .startsWith("# yaml-language-server: $schema=../src/main/resources/schema/runbook.schema.json\n");
            String id = library.resultOf(file).value().id();
            assertThat(file.getFileName().toString()).isEqualTo(id + ".yaml");
        }
    }

    @Test
    void theMultiReleaseChainExpandsIntoItsComponents() {
        RunbookLibrary library = RunbookLibrary.load(FOLDER);

        List<String> sources = library.expand("multi-release-upgrade").stream()
                .map(ExpandedStep::runbookId).distinct().toList();

        assertThat(sources).containsExactly("upgrade-verification", "multi-release-upgrade", "host-os-upgrade",
                "ceph-upgrade", "rabbitmq-cluster-upgrade", "galera-cluster-upgrade");
        List<String> ids = library.expand("multi-release-upgrade").stream().map(ExpandedStep::qualifiedId).toList();
        assertThat(ids).as("one release at a time, the test plan between the hops").containsSubsequence(
                "before/containers-healthy", "tip-of-branch", "host-os/update-controllers", "galera/join",
                "hop-1-upgrade", "between/containers-healthy", "hop-2-upgrade", "after/containers-healthy");
    }

    @Test
    void everyExampleInventoryValidates() {
        InventoryLoader loader = new InventoryLoader();
        for (Path file : yamlFiles(FOLDER.resolve("inventories"))) {
            LoadResult<Inventory> r = loader.load(file);
            assertThat(r.problems()).as(file.toString()).isEmpty();
        }
        Inventory lab = loader.load(FOLDER.resolve("inventories/lab.yaml")).value();
        assertThat(lab.environment()).isEqualTo("lab");
        assertThat(lab.hostsOf("controllers")).extracting(h -> h.address()).containsOnly("127.0.0.1");
    }

    private static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
