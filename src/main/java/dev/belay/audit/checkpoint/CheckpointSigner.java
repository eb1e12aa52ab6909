package dev.belay.audit.checkpoint;

import java.io.IOException;

/**
 * The operator's SSH key, as the audit log sees it: a name for allowed_signers, the public key (SSH
 * wire format) and a way to sign. The SSH side (agent or key file) provides it; the audit package
 * knows nothing of SSH connections.
 *
 * @param identity  the principal that {@code ssh-keygen -Y verify -I} and allowed_signers name
 * @param publicKey the public key blob
 * @param signing   signs data, returning an SSH signature blob ({@code string algorithm, string signature});
 *                  RSA keys must sign with rsa-sha2-512
 */
public record CheckpointSigner(String identity, byte[] publicKey, Signing signing) {
    @FunctionalInterface
    public interface Signing {
        byte[] sign(byte[] data) throws IOException;
    }

    public CheckpointSigner {
        if (identity == null || identity.isBlank() || identity.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("checkpoint signer identity must be one word (an allowed_signers"
                    + " principal such as alice@example.com), was '" + identity + "'");
        }
        publicKey = publicKey.clone();
    }
}
