package dev.belay.cli;

import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import java.nio.file.Path;

/**
 * SSH settings for headless commands: unknown host keys are refused (trust them first); a key's
 * passphrase is asked on the terminal, once per key for the run.
 */
final class Ssh {

    private Ssh() {
    }

    static SshSettings settings(Path knownHosts, PassphrasePrompt passphrases) {
        SshSettings d = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, passphrases);
        return knownHosts == null ? d : d.withKnownHosts(d.userKnownHosts(), knownHosts.toAbsolutePath());
    }
}
