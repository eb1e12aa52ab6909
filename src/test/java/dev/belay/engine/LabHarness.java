package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryLoader;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The practice lab for engine tests: real SSH on loopback, with helpers to read and reset host homes. */
final class LabHarness implements AutoCloseable {

    final PracticeLab lab;
    final Path dir;

    private LabHarness(PracticeLab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
    }

    static LabHarness start(Path dir, int hosts) throws IOException {
        return new LabHarness(PracticeLab.start(new LabConfig(dir.resolve("lab"), hosts, 0)), dir);
    }

    /** The lab's own inventory (roles controllers and computes). */
    Inventory labInventory() {
        return new InventoryLoader().load(lab.inventoryPath()).value();
    }

    /** The lab's hosts renamed web-1..N with one role, web: the shape the engine tests are written for. */
    Inventory webInventory() {
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        int i = 1;
        for (Host h : labInventory().hosts().values()) {
            String name = "web-" + i++;
            hosts.put(name, new Host(name, h.address(), h.user(), h.port(), h.identity(), null, Map.of("rack", "r" + i)));
            names.add(name);
        }
        return new Inventory("test", hosts, Map.of("web", names), Map.of());
    }

    SshSettings settings() {
        return SshSettings.defaults(HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE)
                .withKnownHosts(lab.knownHostsPath(), dir.resolve("belay_known_hosts"));
    }

    /** The home (/root in its sandbox) of web-K or lab-K. */
    Path home(String host) {
        String name = host.replace("web-", "lab-");
        return lab.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().home();
    }

    void cleanHomes() throws IOException {
        for (var h : lab.hosts()) {
            try (Stream<Path> files = Files.list(h.home())) {
                for (Path p : files.toList()) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}
