package dev.belay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {

    private final InventoryLoader loader = new InventoryLoader();

    @Test
    void appliesDefaultsAndKeepsTildeInIdentity() {
        LoadResult<Inventory> r = loader.load(Path.of("src/test/resources/inventories/valid/staging.yaml"));
        assertThat(r.problems()).isEmpty();
        Inventory inv = r.value();
        assertThat(inv.environment()).isEqualTo("staging");
        assertThat(inv.hosts().get("bastion"))
                .isEqualTo(new Host("bastion", "bastion.example.net", "ops", 22, "~/.ssh/id_ed25519", null, Map.of()));
        assertThat(inv.hosts().get("control-2"))
                .isEqualTo(new Host("control-2", "10.0.0.12", "root", 22, "~/.ssh/id_ed25519", "bastion", Map.of()));
        assertThat(inv.hostsOf("controllers")).extracting(Host::name)
                .containsExactly("control-1", "control-2", "control-3");
        assertThat(inv.vars()).containsEntry("vip", "10.0.0.10");
    }

    @Test
    void unknownJumpAndCyclesAreErrors() {
        LoadResult<Inventory> r = loader.load("inv.yaml", """
                environment: lab
                hosts:
                  a: { address: 10.0.0.1, jump: b }
                  b: { address: 10.0.0.2, jump: a }
                  c: { address: 10.0.0.3, jump: bastoin }
                roles:
                  web: [a, d]
                """);
        assertThat(r.value()).isNull();
        assertThat(r.problems()).extracting(Problem::toString).containsExactly(
                "inv.yaml:3:33: jump cycle: a -> b -> a: a host cannot reach itself through jump hosts; break the cycle",
                "inv.yaml:4:33: jump cycle: b -> a -> b: a host cannot reach itself through jump hosts; break the cycle",
                "inv.yaml:5:33: jump host 'bastoin' of host 'c' is not listed under hosts; add it or fix the name",
                "inv.yaml:7:12: role 'web' names host 'd', which is not listed under hosts");
    }

    @Test
    void portOutOfRangeAndUnknownHostKey() {
        LoadResult<Inventory> r = loader.load("inv.yaml", "environment: lab\nhosts:\n  a: { adress: x, port: 70000 }\n");
        assertThat(r.problems()).extracting(Problem::message).containsExactly(
                "unknown key 'adress' in host 'a' (did you mean 'address'?)",
                "'port' in host 'a' must be 1-65535, found 70000");
    }
}
