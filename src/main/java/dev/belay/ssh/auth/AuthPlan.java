package dev.belay.ssh.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one login needs to know, already resolved from the target and {@code ~/.ssh/config}.
 *
 * @param label          {@code user@host:port}, for messages
 * @param identities     identity files, in order
 * @param requiredIdentity the target's own identity file (its absence is an error, not a skip), or null
 * @param agentSocket    the agent to ask first (IdentityAgent, else SSH_AUTH_SOCK), empty for none
 * @param identitiesOnly OpenSSH's IdentitiesOnly: offer only agent keys that match an identity file
 * @param password       asked last, if set
 */
public record AuthPlan(String label, String user, List<Path> identities, Path requiredIdentity,
                       Optional<Path> agentSocket, boolean identitiesOnly, PassphrasePrompt passphrase,
                       PasswordPrompt password, String host) {
    public AuthPlan {
        identities = List.copyOf(identities);
        passphrase = passphrase == null ? PassphrasePrompt.NONE : passphrase;
    }
}
