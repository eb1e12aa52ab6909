package dev.belay.ssh.auth;

import com.hierynomus.sshj.signature.SignatureEdDSA;
import dev.belay.ssh.SshException;
import dev.belay.ssh.auth.agent.AgentClient;
import dev.belay.ssh.auth.agent.AgentException;
import dev.belay.ssh.auth.agent.AgentIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.signature.SignatureECDSA;
import net.schmizz.sshj.signature.SignatureRSA;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile;

/**
 * Signs arbitrary data with the operator's SSH key, through the agent or from a key file: what the
 * audit log's checkpoints are signed with. Signatures are SSH signature blobs
 * ({@code string algorithm, string signature}); RSA always signs with rsa-sha2-512.
 */
public final class SshSigner {
    @FunctionalInterface
    private interface Sign {
        byte[] sign(byte[] data) throws IOException;
    }

    private final byte[] publicKey;
    private final String description;
    private final Sign sign;

    private SshSigner(byte[] publicKey, String description, Sign sign) {
        this.publicKey = publicKey;
        this.description = description;
        this.sign = sign;
    }

    public byte[] publicKeyBlob() {
        return publicKey.clone();
    }

    /** Which key, and where it lives, for messages. */
    public String describe() {
        return description;
    }

    public byte[] sign(byte[] data) throws IOException {
        return sign.sign(data);
    }

    public static SshSigner agent(AgentClient agent, AgentIdentity key) {
        int flags = key.keyType().startsWith("ssh-rsa") ? AgentClient.SSH_AGENT_RSA_SHA2_512 : 0;
        return new SshSigner(key.publicKeyBlob(), "agent key " + key.describe(),
                data -> agent.sign(key, data, flags));
    }

    /** Reads (and decrypts, asking {@code prompt}) an OpenSSH private key file. */
    public static SshSigner keyFile(Path file, PassphrasePrompt prompt) throws SshException {
        KeyProvider provider = readKey(file, prompt);
        try {
            PublicKey pub = provider.getPublic();
            PrivateKey priv = provider.getPrivate();
            String algorithm = algorithm(KeyType.fromKey(pub), file);
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(pub).getCompactData();
            return new SshSigner(blob, "key " + file, data -> {
                Signature s = Factory.Named.Util.create(FACTORIES, algorithm);
                s.initSign(priv);
                s.update(data);
                return new Buffer.PlainBuffer().putString(algorithm).putBytes(s.encode(s.sign())).getCompactData();
            });
        } catch (IOException e) {
            throw new AuthFailed("Cannot read private key " + file + ": " + e.getMessage());
        }
    }

    /**
     * The key to sign with, as an operator would expect: {@code keyFile} if given (through the agent if
     * the agent holds it, so no passphrase is asked); else the agent's first key (not a security key if
     * it holds another); else the first of
     * {@code defaults} that exists. Empty when there is none.
     */
    public static Optional<SshSigner> find(Path keyFile, Optional<Path> agentSocket, List<Path> defaults,
                                           PassphrasePrompt prompt) throws SshException {
        List<AgentIdentity> agentKeys = List.of();
        AgentClient agent = agentSocket.map(AgentClient::new).orElse(null);
        if (agent != null) {
            try {
                agentKeys = agent.identities();
            } catch (AgentException e) {
                agentKeys = List.of();
            }
        }
        if (keyFile != null) {
            byte[] pub = KeyFiles.publicBlob(keyFile);
            for (AgentIdentity k : agentKeys) {
                if (pub != null && k.sameKey(pub)) {
                    return Optional.of(agent(agent, k));
                }
            }
            return Optional.of(keyFile(keyFile, prompt));
        }
        if (!agentKeys.isEmpty()) {
            // A security key would want a touch for every checkpoint: prefer any other key the agent holds.
            AgentIdentity pick = agentKeys.stream().filter(k -> !k.keyType().startsWith("sk-")).findFirst()
                    .orElse(agentKeys.get(0));
            return Optional.of(agent(agent, pick));
        }
        for (Path candidate : defaults) {
            if (Files.isReadable(candidate)) {
                return Optional.of(keyFile(candidate, prompt));
            }
        }
        return Optional.empty();
    }

    private static String algorithm(KeyType type, Path file) throws SshException {
        return switch (type) {
            case ED25519 -> "ssh-ed25519";
            case ECDSA256 -> "ecdsa-sha2-nistp256";
            case ECDSA384 -> "ecdsa-sha2-nistp384";
            case ECDSA521 -> "ecdsa-sha2-nistp521";
            case RSA -> "rsa-sha2-512";
            default -> throw new AuthFailed("Key " + file + " is of type " + type
                    + ", which cannot sign audit checkpoints; use an ed25519, ECDSA or RSA key.");
        };
    }

    private static KeyProvider readKey(Path file, PassphrasePrompt prompt) throws SshException {
        if (!Files.isReadable(file)) {
            throw new AuthFailed("Signing key " + file + " does not exist or is not readable.");
        }
        OpenSSHKeyV1KeyFile key = new OpenSSHKeyV1KeyFile();
        key.init(file.toFile(), KeyFiles.passwordFinder(() -> prompt.passphrase(file)));
        try {
            key.getPrivate();
            return key;
        } catch (IOException | RuntimeException e) {
            throw new AuthFailed("Cannot read private key " + file + " (" + e.getMessage()
                    + "): an OpenSSH key, and its passphrase if it has one, are needed to sign checkpoints.");
        }
    }

    private static final List<Factory.Named<Signature>> FACTORIES = List.of(new SignatureEdDSA.Factory(),
            new SignatureECDSA.Factory256(), new SignatureECDSA.Factory384(), new SignatureECDSA.Factory521(),
            new SignatureRSA.FactoryRSASHA512());
}
