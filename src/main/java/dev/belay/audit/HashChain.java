package dev.belay.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * hash = SHA-256(prev_hash || canonical content). The content is a JSON array of the stored
 * columns, with the payload as the exact text stored, so verify needs no re-serialisation.
 */
public final class HashChain {

    /** The prev_hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();

    private HashChain() { }

    public static String hash(String prevHash, long seq, Instant ts, String runId, Operator op,
                              String targetHost, String type, String payloadJson) {
        ArrayNode a = JSON.createArrayNode();
        a.add(seq).add(ts.toString()).add(runId).add(op.name()).add(op.login()).add(op.machine())
                .add(targetHost).add(type).add(payloadJson);
        try {
            return sha256(prevHash + JSON.writeValueAsString(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + seq, e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
