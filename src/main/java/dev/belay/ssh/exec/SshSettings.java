package dev.belay.ssh.exec;

import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.trust.HostKeyListener;
import dev.belay.ssh.trust.HostKeyPrompt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Machine-wide SSH settings: where trust and config live, and how to ask the user.
 * Paths are settings (not constants) so tests and portable installs can point elsewhere.
 */
public record SshSettings(
        Path userKnownHosts,
        Path belayKnownHosts,
        Path sshConfig,
        List<Path> defaultIdentities,
        HostKeyPrompt hostKeyPrompt,
        PassphrasePrompt passphrasePrompt,
        HostKeyListener hostKeyListener,
        Duration connectTimeout,
        int keepAliveSeconds) {

    public SshSettings {
        Objects.requireNonNull(belayKnownHosts, "belayKnownHosts");
        defaultIdentities = List.copyOf(defaultIdentities);
        hostKeyPrompt = hostKeyPrompt == null ? HostKeyPrompt.REJECT_ALL : hostKeyPrompt;
        passphrasePrompt = passphrasePrompt == null ? PassphrasePrompt.NONE : passphrasePrompt;
        hostKeyListener = hostKeyListener == null ? HostKeyListener.NONE : hostKeyListener;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
    }

    /** The usual places under the user's home: ~/.ssh/known_hosts, ~/.belay/known_hosts, ~/.ssh/config. */
    public static SshSettings defaults(HostKeyPrompt hostKeyPrompt, PassphrasePrompt passphrasePrompt) {
        Path home = Path.of(System.getProperty("user.home"));
        Path ssh = home.resolve(".ssh");
        return new SshSettings(ssh.resolve("known_hosts"), home.resolve(".belay").resolve("known_hosts"),
                ssh.resolve("config"),
                List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa")),
                hostKeyPrompt, passphrasePrompt, HostKeyListener.NONE, Duration.ofSeconds(15), 15);
    }

    public SshSettings withKnownHosts(Path user, Path belay) {
        return new SshSettings(user, belay, sshConfig, defaultIdentities, hostKeyPrompt, passphrasePrompt,
                hostKeyListener, connectTimeout, keepAliveSeconds);
    }

    public SshSettings withSshConfig(Path config, List<Path> identities) {
        return new SshSettings(userKnownHosts, belayKnownHosts, config, identities, hostKeyPrompt,
                passphrasePrompt, hostKeyListener, connectTimeout, keepAliveSeconds);
    }

    public SshSettings withHostKeyListener(HostKeyListener listener) {
        return new SshSettings(userKnownHosts, belayKnownHosts, sshConfig, defaultIdentities, hostKeyPrompt,
                passphrasePrompt, listener, connectTimeout, keepAliveSeconds);
    }

    public SshSettings withKeepAlive(int seconds) {
        return new SshSettings(userKnownHosts, belayKnownHosts, sshConfig, defaultIdentities, hostKeyPrompt,
                passphrasePrompt, hostKeyListener, connectTimeout, seconds);
    }
}
