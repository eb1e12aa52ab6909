package dev.belay.ui.history;

import dev.belay.audit.AuditStore;
import dev.belay.audit.VerifyResult;
import dev.belay.audit.checkpoint.AllowedSigners;
import dev.belay.audit.checkpoint.CheckpointAudit;
import dev.belay.engine.AuditCheckpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What "Check integrity" found: the hash chain, then the log held against its signed checkpoints
 * (the database's, the checkpoint file, allowed_signers from {@code BELAY_ALLOWED_SIGNERS}), as
 * {@code belay audit verify} does. Read off the FX thread; only the verdict goes to the label.
 */
record Integrity(VerifyResult chain, CheckpointAudit.Report checkpoints) {

    static Integrity check(AuditStore store) {
        VerifyResult chain = store.verify();
        String signers = System.getenv("BELAY_ALLOWED_SIGNERS");
        AllowedSigners allowed = null;
        if (signers != null && !signers.isBlank()) {
            try {
                allowed = AllowedSigners.read(Path.of(signers));
            } catch (IOException e) {
                allowed = null; // then signatures are checked against their own keys only, as the CLI notes
            }
        }
        return new Integrity(chain, store.verifyCheckpoints(
                List.of(new CheckpointAudit.Source(AuditCheckpoints.file(null), false, "the default")), allowed));
    }

    boolean intact() {
        return chain.intact() && checkpoints.clean();
    }

    String verdict() {
        if (chain instanceof VerifyResult.Broken broken) {
            return "Broken at event #" + broken.seq() + ": " + broken.reason();
        }
        if (!checkpoints.clean()) {
            int more = checkpoints.findings().size() - 1;
            return "Broken: " + checkpoints.findings().get(0) + (more > 0 ? " (and " + more + " more)" : "");
        }
        VerifyResult.Intact ok = (VerifyResult.Intact) chain;
        return "Intact: " + ok.count() + " events" + (checkpoints.checked() == 0 ? ""
                : "; " + checkpoints.checked() + " signed checkpoints vouch for it up to event " + checkpoints.anchoredUpTo());
    }
}
