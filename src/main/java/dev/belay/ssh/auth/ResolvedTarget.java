package dev.belay.ssh.auth;

import java.nio.file.Path;
import java.util.List;

/**
 * A target with every gap filled: the exact host, port, user, keys and hops to use.
 * {@code identityAgent} is the config's raw IdentityAgent value (null: SSH_AUTH_SOCK decides).
 */
public record ResolvedTarget(SshTarget spec, String host, int port, String user, List<Path> identities,
                             List<ResolvedTarget> jumps, String identityAgent, boolean identitiesOnly) {

    public String label() {
        return user + "@" + host + ":" + port;
    }
}
