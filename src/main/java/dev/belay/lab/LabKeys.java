package dev.belay.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The lab's two key pairs, generated once and reused: the server's host key (so a known_hosts
 * entry stays valid across restarts) and the one client key every simulated host accepts.
 */
final class LabKeys {

    static final String HOST_KEY = "host_key";
    static final String CLIENT_KEY = "client_ed25519";

    private final SimpleGeneratorHostKeyProvider hostKeys;
    private final PublicKey hostPublicKey;
    private final Path clientKey;
    private final PublicKey clientPublicKey;

    private LabKeys(SimpleGeneratorHostKeyProvider hostKeys, PublicKey hostPublicKey,
                    Path clientKey, PublicKey clientPublicKey) {
        this.hostKeys = hostKeys;
        this.hostPublicKey = hostPublicKey;
        this.clientKey = clientKey;
        this.clientPublicKey = clientPublicKey;
    }

    /** Loads the keys under {@code dir}, generating whichever is missing. */
    static LabKeys ensure(Path dir) throws IOException {
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve(HOST_KEY));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        PublicKey hostPublic = firstPublicKey(hostKeys);
        Path clientKey = dir.resolve(CLIENT_KEY);
        Path clientPub = dir.resolve(CLIENT_KEY + ".pub");
        if (!Files.isRegularFile(clientKey) || !Files.isRegularFile(clientPub)) {
            writeClientKey(clientKey, clientPub);
        }
        return new LabKeys(hostKeys, hostPublic, clientKey, readPublicKey(clientPub));
    }

    KeyPairProvider hostKeyProvider() {
        return hostKeys;
    }

    /** The host key as a known_hosts entry for the given loopback port. */
    String knownHostsLine(String address, int port) {
        return "[" + address + "]:" + port + " " + PublicKeyEntry.toString(hostPublicKey);
    }

    Path clientKey() {
        return clientKey;
    }

    boolean isClientKey(PublicKey key) {
        return KeyUtils.compareKeys(clientPublicKey, key);
    }

    private static PublicKey firstPublicKey(SimpleGeneratorHostKeyProvider hostKeys) throws IOException {
        for (KeyPair kp : hostKeys.loadKeys(null)) {
            return kp.getPublic();
        }
        throw new IOException("lab: no host key in " + hostKeys.getPath() + "; delete it to generate a new one");
    }

    /** An OpenSSH-format ed25519 key, which OpenSSH, sshj and MINA all read. */
    private static void writeClientKey(Path privateFile, Path publicFile) throws IOException {
        try {
            KeyPair kp = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Files.deleteIfExists(privateFile);
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(privateFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "belay-lab", null, out);
            }
            try (OutputStream out = Files.newOutputStream(publicFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(kp.getPublic(), "belay-lab", out);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("lab: cannot generate the client key " + privateFile + ": " + e.getMessage(), e);
        }
    }

    private static PublicKey readPublicKey(Path publicFile) throws IOException {
        List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(publicFile);
        if (entries.isEmpty()) {
            throw new IOException("lab: " + publicFile + " holds no public key; delete it and "
                    + CLIENT_KEY + " to generate a new pair");
        }
        try {
            return entries.get(0).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IOException("lab: cannot read " + publicFile + ": " + e.getMessage(), e);
        }
    }
}
