package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/runbooks.md says the shipped runbooks/inventories/lab.yaml is what {@code belay lab start --port 2222}
 * writes for its default three hosts: the same environment, hosts, users and roles, differing only in
 * the port the lab picked and the absolute path of its client key.
 */
class ShippedLabInventoryTest {

    @TempDir
    Path dir;

    @Test
    void theShippedLabInventoryIsWhatTheLabWrites() throws Exception {
        Inventory shipped = new InventoryLoader().load(Path.of("runbooks/inventories/lab.yaml")).value();
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0))) {
            Inventory written = new InventoryLoader().load(lab.inventoryPath()).value();
            assertThat(shipped.environment()).isEqualTo(written.environment());
            assertThat(shipped.roles()).isEqualTo(written.roles());
            assertThat(shipped.vars()).isEqualTo(written.vars());
            assertThat(shipped.hosts().keySet()).containsExactlyElementsOf(written.hosts().keySet());
            for (Host h : written.hosts().values()) {
                Host s = shipped.hosts().get(h.name());
                assertThat(s.address()).isEqualTo(h.address());
                assertThat(s.user()).isEqualTo(h.user());
                assertThat(s.port()).as("the shipped file is for --port 2222").isEqualTo(2222);
                assertThat(h.port()).isEqualTo(lab.port());
                assertThat(Path.of(s.identity()).getFileName()).isEqualTo(Path.of(h.identity()).getFileName());
                assertThat(s.vars()).isEqualTo(h.vars());
            }
        }
    }
}
