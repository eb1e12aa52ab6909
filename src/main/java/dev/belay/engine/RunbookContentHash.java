package dev.belay.engine;

import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content hashes a runbook file gives now, the way a run records one in RUN_STARTED: the hash of
 * the file's text and its includes' (what runs record), and the older hash of the runbook records
 * (what runs recorded before). How an evidence bundle tells whether a file is the one that ran.
 */
public final class RunbookContentHash {

    private RunbookContentHash() {
    }

    /** Both hashes; empty when the file does not load or an include cannot be found. */
    public static List<String> of(Path runbookFile) {
        Path rb = runbookFile.toAbsolutePath().normalize();
        RunbookLibrary lib = RunbookLibrary.load(rb.getParent() == null ? List.of() : List.of(rb.getParent()), List.of(rb));
        Runbook runbook = lib.resultOf(rb).value();
        if (runbook == null) {
            return List.of();
        }
        try {
            Set<String> included = new TreeSet<>();
            String legacy = new PlanResolver(id -> {
                included.add(id);
                return lib.find(id);
            }).contentHash(runbook);
            return List.of(PlanFiles.fileHash(lib, rb, included), legacy);
        } catch (PlanException e) { // an include gone missing: the hash cannot be recomputed
            return List.of();
        }
    }
}
