package dev.belay.cli;

import dev.belay.inventory.Inventory;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyPrompt;
import java.nio.file.Path;

/**
 * SSH settings for headless commands: unknown host keys are refused (trust them first); a key's
 * passphrase is asked on the terminal, once per key for the run.
 */
final class Ssh {

    private Ssh() {
    }

    static SshSettings settings(Path knownHosts, PassphrasePrompt passphrases) {
        return settings(knownHosts, passphrases, null);
    }

    /** As above; an inventory that names its own known_hosts (the practice lab's) is read instead of ~/.ssh's. */
    static SshSettings settings(Path knownHosts, PassphrasePrompt passphrases, Inventory inventory) {
        SshSettings d = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, passphrases);
        if (inventory != null && inventory.knownHostsPath().isPresent()) {
            d = d.withKnownHosts(inventory.knownHostsPath().get(), d.belayKnownHosts());
        }
        return knownHosts == null ? d : d.withKnownHosts(d.userKnownHosts(), knownHosts.toAbsolutePath());
    }
}
