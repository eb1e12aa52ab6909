package dev.belay.engine;

import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The content hash a runbook file gives now, the way a run records it in RUN_STARTED (the runbook
 * and its includes from the same folder): how an evidence bundle tells whether a file is the one that ran.
 */
public final class RunbookContentHash {

    private RunbookContentHash() {
    }

    /** Empty when the file does not load or an include cannot be found. */
    public static Optional<String> of(Path runbookFile) {
        Path rb = runbookFile.toAbsolutePath().normalize();
        RunbookLibrary lib = RunbookLibrary.load(rb.getParent() == null ? List.of() : List.of(rb.getParent()), List.of(rb));
        Runbook runbook = lib.resultOf(rb).value();
        if (runbook == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PlanResolver(lib::find).contentHash(runbook));
        } catch (PlanException e) { // an include gone missing: the hash cannot be recomputed
            return Optional.empty();
        }
    }
}
