package dev.belay.audit.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import com.hierynomus.sshj.signature.SignatureEdDSA;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.signature.SignatureECDSA;
import net.schmizz.sshj.signature.SignatureRSA;

/**
 * OpenSSH's SSHSIG signature format (PROTOCOL.sshsig), the one {@code ssh-keygen -Y sign} writes and
 * {@code ssh-keygen -Y verify} checks: the signer signs a preamble, the namespace and the SHA-512 of
 * the message; the armored blob carries the public key, so a verifier needs only allowed_signers.
 * Signature algorithms are sshj's (Ed25519, ECDSA P-256/384/521, RSA with SHA-2).
 */
public final class SshSig {
    public static final String NAMESPACE = "belay-audit";
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final String HASH = "sha512";
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    private SshSig() { }

    /** The parts of an armored signature. */
    public record Parsed(byte[] publicKey, String namespace, String hashAlgorithm, byte[] signature) {
        public String algorithm() {
            try {
                return new Buffer.PlainBuffer(signature).readString();
            } catch (Buffer.BufferException e) {
                return "malformed";
            }
        }
    }

    public static String sign(byte[] message, String namespace, CheckpointSigner signer) throws IOException {
        byte[] signature = signer.signing().sign(signedData(message, namespace, HASH));
        byte[] blob = new Buffer.PlainBuffer().putRawBytes(MAGIC).putUInt32(1).putString(signer.publicKey())
                .putString(namespace).putString("").putString(HASH).putString(signature).getCompactData();
        return armor(blob);
    }

    /**
     * Checks that {@code armored} is a valid signature over {@code message} in {@code namespace};
     * returns null if so, else why not.
     */
    public static String problem(byte[] message, String armored, String namespace) {
        Parsed p;
        try {
            p = parse(armored);
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.namespace().equals(namespace)) {
            return "signed for namespace '" + p.namespace() + "', not '" + namespace + "'";
        }
        if (!p.hashAlgorithm().equals("sha512") && !p.hashAlgorithm().equals("sha256")) {
            return "unknown hash algorithm " + p.hashAlgorithm();
        }
        String algorithm = p.algorithm();
        if (algorithm.equals("ssh-rsa")) {
            return "an RSA signature with SHA-1 (ssh-rsa), which OpenSSH does not accept for SSHSIG";
        }
        Factory.Named<Signature> factory = Factory.Named.Util.get(Verifiers.FACTORIES, algorithm);
        if (factory == null) {
            return "signature type " + algorithm + " cannot be checked here; check it with ssh-keygen -Y verify";
        }
        try {
            PublicKey key = new Buffer.PlainBuffer(p.publicKey()).readPublicKey();
            Signature verifier = factory.create();
            verifier.initVerify(key);
            verifier.update(signedData(message, namespace, p.hashAlgorithm()));
            return verifier.verify(p.signature()) ? null : "the signature does not match the message";
        } catch (IOException | RuntimeException e) {
            return "the signature cannot be checked: " + e.getMessage();
        }
    }

    public static Parsed parse(String armored) throws IOException {
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IOException("not an SSH signature (no " + BEGIN + " ... " + END + ")");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
        try {
            Buffer.PlainBuffer b = new Buffer.PlainBuffer(Base64.getDecoder().decode(body));
            byte[] magic = new byte[MAGIC.length];
            b.readRawBytes(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("not an SSHSIG blob");
            }
            long version = b.readUInt32();
            if (version != 1) {
                throw new IOException("SSHSIG version " + version + " is not supported");
            }
            byte[] key = b.readBytes();
            String ns = b.readString();
            b.readBytes(); // reserved
            String hash = b.readString();
            byte[] sig = b.readBytes();
            return new Parsed(key, ns, hash, sig);
        } catch (Buffer.BufferException | IllegalArgumentException e) {
            throw new IOException("malformed SSH signature: " + e.getMessage(), e);
        }
    }

    private static byte[] signedData(byte[] message, String namespace, String hashAlgorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512")
                    .digest(message);
            return new Buffer.PlainBuffer().putRawBytes(MAGIC).putString(namespace).putString("")
                    .putString(hashAlgorithm).putString(digest).getCompactData();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-2 is missing from this JDK", e);
        }
    }

    /** Wrapped at 70 columns, as ssh-keygen writes it. */
    private static String armor(byte[] blob) {
        String b64 = Base64.getEncoder().encodeToString(blob);
        StringBuilder s = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += 70) {
            s.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return s.append(END).append('\n').toString();
    }

    /** sshj's signature algorithms that SSHSIG allows (no SHA-1 RSA, no DSA). */
    private static final class Verifiers {
        static final java.util.List<Factory.Named<Signature>> FACTORIES = java.util.List.of(
                new SignatureEdDSA.Factory(), new SignatureECDSA.Factory256(), new SignatureECDSA.Factory384(),
                new SignatureECDSA.Factory521(), new SignatureRSA.FactoryRSASHA512(), new SignatureRSA.FactoryRSASHA256());
    }
}
