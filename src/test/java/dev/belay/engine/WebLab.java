package dev.belay.engine;

import dev.belay.inventory.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The practice lab as hosts web-1..N with one SSH transport to them, started once for a test class
 * ({@code @RegisterExtension static final WebLab lab = new WebLab(2);}) and stopped after its last test:
 * what the engine's tests on real SSH stand on.
 */
final class WebLab implements BeforeAllCallback, AfterAllCallback {

    private final int hosts;
    private Path dir;
    private LabHarness harness;
    private Inventory inventory;
    private SshTransport transport;

    WebLab(int hosts) {
        this.hosts = hosts;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("belay-weblab");
        harness = LabHarness.start(dir, hosts);
        inventory = harness.webInventory();
        transport = new SshTransport(harness.settings(), inventory);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (transport != null) {
                transport.close();
            }
            if (harness != null) {
                harness.close();
            }
        } finally {
            LabHarness.deleteTree(dir);
        }
    }

    LabHarness harness() {
        return harness;
    }

    Inventory inventory() {
        return inventory;
    }

    SshTransport transport() {
        return transport;
    }
}
