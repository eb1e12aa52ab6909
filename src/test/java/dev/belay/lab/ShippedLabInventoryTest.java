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
 * writes for its default three hosts and {@code --dir} ({@code ~/.belay/lab}): the same environment,
 * hosts, users, roles, client key and known_hosts, written with {@code ~} where the lab writes the
 * absolute path. The lab here runs in a temporary directory standing for {@code ~/.belay/lab}, on
 * any free port.
 */
class ShippedLabInventoryTest {

    @TempDir
    Path dir;

    /** A path of the shipped file with the default lab directory, {@code ~/.belay/lab}, put where this lab runs. */
    private String inLab(String shippedPath) {
        assertThat(shippedPath).startsWith("~/.belay/lab/");
        return dir.resolve("lab").resolve(shippedPath.substring("~/.belay/lab/".length())).toString();
    }

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
                assertThat(inLab(s.identity())).isEqualTo(h.identity());
                assertThat(s.vars()).isEqualTo(h.vars());
            }
            assertThat(inLab(shipped.knownHosts())).isEqualTo(written.knownHosts());
        }
    }
}
