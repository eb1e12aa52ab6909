package dev.belay.ui.run;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an inventory in Belay's format. A run records its inventory file so it can resume; an
 * imported Ansible inventory and the lab's role mapping exist only in memory until written here.
 */
final class InventoryWriter {

    private InventoryWriter() {
    }

    static Path write(Inventory inventory, Path file, String header) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("environment", inventory.environment());
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (Host h : inventory.hosts().values()) {
            hosts.put(h.name(), host(h));
        }
        doc.put("hosts", hosts);
        if (!inventory.roles().isEmpty()) {
            doc.put("roles", inventory.roles());
        }
        if (!inventory.vars().isEmpty()) {
            doc.put("vars", inventory.vars());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
        Files.writeString(file, "# " + header + "\n" + yaml.writeValueAsString(doc));
        return file;
    }

    private static Map<String, Object> host(Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", h.address());
        if (h.user() != null) {
            m.put("user", h.user());
        }
        m.put("port", h.port());
        if (h.identity() != null) {
            m.put("identity", h.identity());
        }
        if (h.jump() != null) {
            m.put("jump", h.jump());
        }
        if (!h.vars().isEmpty()) {
            m.put("vars", h.vars());
        }
        return m;
    }
}
