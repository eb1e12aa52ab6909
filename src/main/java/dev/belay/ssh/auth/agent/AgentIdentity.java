package dev.belay.ssh.auth.agent;

import java.util.Arrays;
import net.schmizz.sshj.common.Buffer;

/**
 * One key the agent holds: its public key in SSH wire format (the agent never hands out the private
 * half) and the comment {@code ssh-add} gave it. The key type is the blob's first string, so types
 * sshj cannot parse (security keys, certificates) pass through untouched.
 */
public record AgentIdentity(byte[] publicKeyBlob, String comment) {
    public AgentIdentity {
        publicKeyBlob = publicKeyBlob.clone();
    }

    @Override
    public byte[] publicKeyBlob() {
        return publicKeyBlob.clone();
    }

    /** {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}, {@code sk-ssh-ed25519@openssh.com}, ... */
    public String keyType() {
        try {
            return new Buffer.PlainBuffer(publicKeyBlob).readString();
        } catch (Buffer.BufferException e) {
            return "unknown";
        }
    }

    /** As OpenSSH prints it: {@code SHA256:} + unpadded base64 (auth may not use ssh.trust's helper). */
    public String fingerprint() {
        try {
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(publicKeyBlob));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public boolean sameKey(byte[] otherBlob) {
        return Arrays.equals(publicKeyBlob, otherBlob);
    }

    /** As ssh-add -l shows it: type, fingerprint, comment. */
    public String describe() {
        return keyType() + " " + fingerprint() + (comment.isEmpty() ? "" : " (" + comment + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentIdentity other && Arrays.equals(publicKeyBlob, other.publicKeyBlob)
                && comment.equals(other.comment);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKeyBlob) * 31 + comment.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
