package dev.belay.audit.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the log against every checkpoint found (database and files): each must carry a valid SSHSIG
 * signature, by a key allowed_signers allows (when given), over an event that is still there with
 * the same hash. The chain itself is checked by the caller; this catches what the chain cannot: a log
 * shortened at its end, or rewritten with every later hash recomputed.
 */
public final class CheckpointAudit {

    /** The event stored at a sequence number now. */
    public record EventAt(String hash, String runId) { }

    @FunctionalInterface
    public interface Events {
        EventAt at(long seq);
    }

    /** A checkpoint file to read; {@code expected}: its absence is a finding, not just a note. */
    public record Source(Path file, boolean expected, String why) { }

    /**
     * @param checked      checkpoints of this log that were examined
     * @param anchoredUpTo the highest seq a valid checkpoint vouches for (0: none)
     */
    public record Report(int checked, long anchoredUpTo, List<Finding> findings, List<String> notes) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private CheckpointAudit() { }

    public static Report check(String logId, long lastSeq, Events events, List<Checkpoint> fromDatabase,
                               List<Source> files, AllowedSigners allowed) {
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Checkpoint> unique = new LinkedHashMap<>();
        Map<String, Boolean> inDatabase = new LinkedHashMap<>();
        for (Checkpoint c : fromDatabase) {
            unique.putIfAbsent(key(c), c);
            inDatabase.put(key(c), true);
        }
        for (Source s : files) {
            if (!Files.exists(s.file())) {
                if (s.expected()) {
                    findings.add(new Finding(null, 0, "the checkpoint file " + s.file() + " is missing (" + s.why()
                            + "): deleted or moved; its checkpoints cannot be compared with the database's"));
                } else {
                    notes.add("no checkpoint file at " + s.file());
                }
                continue;
            }
            CheckpointFile.Contents contents;
            try {
                contents = CheckpointFile.read(s.file());
            } catch (IOException e) {
                findings.add(new Finding(null, 0, "cannot read the checkpoint file " + s.file() + ": " + e.getMessage()));
                continue;
            }
            contents.badLines().forEach(b -> findings.add(new Finding(null, 0, s.file() + " " + b)));
            for (Checkpoint c : contents.checkpoints()) {
                if (unique.putIfAbsent(key(c), c) == null && logId != null && logId.equals(c.logId())) {
                    findings.add(new Finding(c.runId(), c.seq(), "this checkpoint is in " + s.file()
                            + " but not in the database: deleted or altered there"));
                }
            }
        }
        List<Checkpoint> mine = unique.values().stream().filter(c -> c.logId().equals(logId))
                .sorted(Comparator.comparingLong(Checkpoint::seq)).toList();
        long foreign = unique.size() - mine.size();
        if (foreign > 0) {
            notes.add(foreign + " checkpoint(s) found belong to other audit logs (another database) and were skipped");
        }
        if (mine.isEmpty()) {
            notes.add("no signed checkpoint of this log was found: events deleted from the end of the log, or a log"
                    + " rewritten with its hashes recomputed, cannot be ruled out");
            return new Report(0, 0, findings, notes);
        }
        long anchored = 0;
        boolean signersChecked = allowed != null;
        for (Checkpoint c : mine) {
            String bad = SshSig.problem(c.messageBytes(), c.signature(), SshSig.NAMESPACE);
            if (bad != null) {
                findings.add(new Finding(c.runId(), c.seq(), "the checkpoint's signature is invalid (" + bad
                        + "): forged or altered"));
                continue;
            }
            byte[] key = parsedKey(c);
            if (allowed != null && !allowed.allows(c.signer(), key, SshSig.NAMESPACE)) {
                findings.add(new Finding(c.runId(), c.seq(), "the checkpoint is signed by key " + fingerprint(key)
                        + " as '" + c.signer() + "', which " + allowed.file() + " does not allow"
                        + (allowed.knowsKey(key) ? " under that name" : "")));
                continue;
            }
            EventAt now = events.at(c.seq());
            if (now == null) {
                findings.add(new Finding(c.runId(), c.seq(), c.seq() > lastSeq
                        ? "the log ends at seq " + lastSeq + ", below this checkpoint (signed by " + c.signer() + " at "
                        + c.time() + "): events " + (lastSeq + 1) + " to " + c.seq() + " were deleted from the end"
                        : "event " + c.seq() + ", vouched for by a checkpoint, is missing: deleted"));
                continue;
            }
            if (!now.hash().equals(c.hash())) {
                findings.add(new Finding(c.runId(), c.seq(), "event " + c.seq() + " no longer has the hash signed by "
                        + c.signer() + " at " + c.time() + ": the log was rewritten at or before this event and"
                        + " its hashes recomputed"));
                continue;
            }
            anchored = Math.max(anchored, c.seq());
        }
        if (!signersChecked) {
            notes.add("signers were not checked (no --allowed-signers file): anyone with an SSH key could have"
                    + " signed these checkpoints");
        }
        if (anchored > 0 && anchored < lastSeq) {
            notes.add("events " + (anchored + 1) + " to " + lastSeq + " come after the last valid checkpoint:"
                    + " not anchored yet");
        }
        return new Report(mine.size(), anchored, findings, notes);
    }

    private static String key(Checkpoint c) {
        return c.message() + "\n" + c.signature().strip();
    }

    private static byte[] parsedKey(Checkpoint c) {
        try {
            return SshSig.parse(c.signature()).publicKey();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String fingerprint(byte[] blob) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
