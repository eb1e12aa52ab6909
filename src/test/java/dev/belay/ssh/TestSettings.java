package dev.belay.ssh;

import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyListener;
import dev.belay.ssh.trust.HostKeyPrompt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings confined to a temp dir: no real ~/.ssh is read or written by tests. */
public final class TestSettings {
    private TestSettings() { }

    public static SshSettings of(Path dir) {
        return new SshSettings(dir.resolve("known_hosts"), dir.resolve("belay_known_hosts"),
                dir.resolve("ssh_config"), List.of(), HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE,
                HostKeyListener.NONE, Duration.ofSeconds(10), 5);
    }
}
