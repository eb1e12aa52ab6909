package dev.belay.engine;

import dev.belay.audit.AuditStore;
import dev.belay.audit.checkpoint.CheckpointFile;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import dev.belay.audit.checkpoint.CheckpointSigner;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.SshException;
import dev.belay.ssh.auth.AgentSocket;
import dev.belay.ssh.auth.SshSigner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Joins the operator's SSH key (ssh side) to the audit log's checkpoints (audit side), for the CLI and
 * the desktop alike. The settings: {@code BELAY_CHECKPOINT_KEY}, {@code BELAY_CHECKPOINTS},
 * {@code BELAY_SIGNER}; each may be overridden by the caller.
 */
public final class AuditCheckpoints {
    private AuditCheckpoints() { }

    /** Where checkpoints are appended: {@code given}, else $BELAY_CHECKPOINTS, else ~/.belay/checkpoints. */
    public static Path file(Path given) {
        if (given != null) {
            return given;
        }
        String property = System.getProperty("belay.checkpoints"); // the test suite keeps its own file
        return property != null ? Path.of(property)
                : setting("BELAY_CHECKPOINTS").map(Path::of).orElse(CheckpointFile.defaultPath());
    }

    /**
     * Makes {@code store} sign checkpoints with the key found (given file, else $BELAY_CHECKPOINT_KEY,
     * else the ssh-agent's first key, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa). Returns why not, if not:
     * without a key the run goes on unanchored (refusing to run would strand an operator mid-change).
     */
    public static Optional<String> install(AuditStore store, Path key, String signer, String operator, Path file,
                                           int every, PassphrasePrompt passphrases) {
        Path home = Path.of(System.getProperty("user.home"));
        Path ssh = home.resolve(".ssh");
        Path keyFile = key != null ? key : setting("BELAY_CHECKPOINT_KEY").map(Path::of).orElse(null);
        if (keyFile == null && "none".equals(System.getProperty("belay.checkpointKey"))) {
            // The test suite's setting: never sign with the developer's own agent or ~/.ssh keys.
            return Optional.of("no checkpoint key configured (belay.checkpointKey=none)");
        }
        try {
            Optional<SshSigner> found = SshSigner.find(keyFile, AgentSocket.locate(null, System.getenv(), home),
                    List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa")), passphrases);
            if (found.isEmpty()) {
                return Optional.of("no SSH key to sign audit checkpoints with (no ssh-agent key, no ~/.ssh/id_ed25519,"
                        + " id_ecdsa or id_rsa): this run's log is not anchored outside the database. Set"
                        + " BELAY_CHECKPOINT_KEY (or --checkpoint-key), or load a key into ssh-agent.");
            }
            String name = signer != null ? signer : setting("BELAY_SIGNER").orElse(operator.replaceAll("\\s+", "_"));
            SshSigner s = found.get();
            store.checkpointWith(new CheckpointPolicy(new CheckpointSigner(name, s.publicKeyBlob(), s::sign),
                    file(file), every));
            return Optional.empty();
        } catch (SshException | IllegalArgumentException e) {
            return Optional.of(e.getMessage() + " This run's log is not anchored outside the database.");
        }
    }

    private static Optional<String> setting(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
