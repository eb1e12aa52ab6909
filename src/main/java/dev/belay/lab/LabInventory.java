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
 * port, logging in as its own name (the name is how the one server tells hosts apart).
 */
final class LabInventory {

    static final String ENVIRONMENT = "lab";

    private LabInventory() {
    }

    /**
     * The first half of the hosts (rounded up) are controllers and the rest computes, so a runbook
     * written for both roles has at least one host in each as soon as the lab has two.
     */
    static Map<String, List<String>> roles(List<LabHost> hosts) {
        int controllers = hosts.size() == 1 ? 1 : (hosts.size() + 1) / 2;
        List<String> names = hosts.stream().map(LabHost::name).toList();
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put("controllers", names.subList(0, controllers));
        roles.put("computes", names.subList(controllers, names.size()));
        return roles;
    }

    static void write(Path file, List<LabHost> hosts, int port, Path clientKey, Path knownHosts)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("environment", ENVIRONMENT);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("port", port);
        defaults.put("identity", clientKey.toString());
        doc.put("defaults", defaults);
        Map<String, Object> hostMap = new LinkedHashMap<>();
        for (LabHost h : hosts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("address", PracticeLab.ADDRESS);
            entry.put("user", h.name());
            hostMap.put(h.name(), entry);
        }
        doc.put("hosts", hostMap);
        doc.put("roles", roles(hosts));
        String header = "# Written by `belay lab start`: the practice lab's " + hosts.size() + " simulated hosts.\n"
                + "# Host key: trust it with the known_hosts file " + knownHosts + "\n";
        Files.writeString(file, header + mapper().writeValueAsString(doc));
    }

    private static YAMLMapper mapper() {
        return new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    }
}
