package dev.belay.cli;

import dev.belay.inventory.Inventory;
import dev.belay.ssh.HostKeyPrompt;
import dev.belay.ssh.PassphrasePrompt;
import dev.belay.ssh.SshSettings;
import java.nio.file.Path;

/** SSH settings for headless commands: unknown host keys are refused (trust them first), no prompts. */
final class Ssh {

    private Ssh() {
    }

    static SshSettings settings(Path knownHosts) {
        return settings(knownHosts, null);
    }

    /** As above; an inventory that names its own known_hosts (the practice lab's) is read instead of ~/.ssh's. */
    static SshSettings settings(Path knownHosts, Inventory inventory) {
        SshSettings d = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE);
        if (inventory != null && inventory.knownHostsPath().isPresent()) {
            d = d.withKnownHosts(inventory.knownHostsPath().get(), d.belayKnownHosts());
        }
        return knownHosts == null ? d : d.withKnownHosts(d.userKnownHosts(), knownHosts.toAbsolutePath());
    }
}
