package dev.belay.lab;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the lab's inventory in Belay's inventory format: every host on 127.0.0.1 at the lab's
 * port, logging in as its own name (the name is how the one server tells hosts apart), the roles of
 * the {@link LabTopology}, and the lab's known_hosts file, so {@code belay run RUNBOOK --inventory}
 * trusts the lab's host key with nothing more.
 */
final class LabInventory {

    static final String ENVIRONMENT = "lab";

    private LabInventory() {
    }

    static void write(Path file, List<LabHost> hosts, LabTopology topology, int port, Path clientKey,
                      Path knownHosts) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("environment", ENVIRONMENT);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("port", port);
        defaults.put("identity", clientKey.toString());
        defaults.put("known_hosts", knownHosts.toString());
        doc.put("defaults", defaults);
        Map<String, Object> hostMap = new LinkedHashMap<>();
        for (LabHost h : hosts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("address", PracticeLab.ADDRESS);
            entry.put("user", h.name());
            hostMap.put(h.name(), entry);
        }
        doc.put("hosts", hostMap);
        Map<String, List<String>> roles = new LinkedHashMap<>();
        topology.roles().forEach((role, names) -> {
            if (!names.isEmpty()) {
                roles.put(role, names);
            }
        });
        doc.put("roles", roles);
        String header = "# Written by `belay lab start`: the practice lab's " + hosts.size() + " simulated hosts.\n";
        Files.writeString(file, header + mapper().writeValueAsString(doc));
    }

    private static YAMLMapper mapper() {
        return new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    }
}
