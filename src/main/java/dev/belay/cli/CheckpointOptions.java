package dev.belay.cli;

import dev.belay.audit.AuditStore;
import dev.belay.engine.AuditCheckpoints;
import dev.belay.ssh.auth.PassphrasePrompt;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code belay run} / {@code resume} sign audit checkpoints (docs/audit.md): with which SSH key,
 * under which allowed_signers name, into which file, how often. Each option has a setting behind it.
 */
final class CheckpointOptions {
    @Option(names = "--checkpoint-key", paramLabel = "FILE",
            description = "SSH key that signs audit checkpoints (default: $BELAY_CHECKPOINT_KEY, else the"
                    + " ssh-agent's first key, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
    Path key;
    @Option(names = "--checkpoints", paramLabel = "FILE",
            description = "File the checkpoints are appended to besides the database (default: $BELAY_CHECKPOINTS,"
                    + " else ~/.belay/checkpoints).")
    Path file;
    @Option(names = "--signer", paramLabel = "NAME",
            description = "Name of the signer in allowed_signers, e.g. alice@example.com (default: $BELAY_SIGNER,"
                    + " else the operator).")
    String signer;
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "500",
            description = "Also sign a checkpoint every N events (default ${DEFAULT-VALUE}).")
    int every;
    @Option(names = "--no-checkpoints", description = "Do not sign checkpoints (the log is then anchored nowhere).")
    boolean off;

    static Path file(Path given) {
        return AuditCheckpoints.file(given);
    }

    /** Makes {@code store} sign checkpoints; without a key it says so and the run goes on unanchored. */
    void install(AuditStore store, String operator, PassphrasePrompt passphrases, PrintWriter err) {
        if (!off) {
            AuditCheckpoints.install(store, key, signer, operator, file, every, passphrases)
                    .ifPresent(why -> err.println("checkpoints: " + why));
        }
    }

    /** After the run: a checkpoint that could not be signed is worth a line. */
    static void report(AuditStore store, PrintWriter err) {
        store.checkpointProblem().ifPresent(p -> err.println("checkpoints: " + p));
    }
}
