package dev.belay.engine;

import dev.belay.inventory.Inventory;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.Runbook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A runbook resolved against an inventory and var values: what a run executes. Selectors stay
 * unresolved (they are resolved when their step starts, since {@code max(var)} needs captures).
 *
 * @param vars        every var's value, secrets included: never print or store this map as a whole
 * @param secretNames the names of the {@code secret: true} vars
 * @param contentHash SHA-256 of the canonical text of the runbook file and its included files (see
 *                    {@link PlanFiles}); for a plan made from records alone, a hash of the records
 * @param legacyHash  the hash runs recorded before file hashing (of the records' text), accepted on
 *                    resume so those runs stay resumable while Belay's records are unchanged; or null
 * @param runbookPath where the runbook was loaded from (for resume), or null
 * @param inventoryPath where the inventory was loaded from (for resume), or null
 */
public record Plan(Runbook runbook, Inventory inventory, Map<String, String> vars, Set<String> secretNames,
                   List<PlannedStep> preflight, List<PlannedStep> steps, List<PlannedStep> rollback,
                   List<Monitor> monitors, String contentHash, String runbookPath, String inventoryPath,
                   String legacyHash) {

    public Plan {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        secretNames = Set.copyOf(secretNames);
        preflight = List.copyOf(preflight);
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
        monitors = List.copyOf(monitors);
    }

    /** The same plan, remembering the files it came from. */
    public Plan withSources(String runbookFile, String inventoryFile) {
        return new Plan(runbook, inventory, vars, secretNames, preflight, steps, rollback, monitors, contentHash,
                runbookFile, inventoryFile, legacyHash);
    }

    /** The same plan identified by {@code hash} (of its files); the records' hash stays as the legacy one. */
    public Plan withFileHash(String hash) {
        return new Plan(runbook, inventory, vars, secretNames, preflight, steps, rollback, monitors, hash,
                runbookPath, inventoryPath, contentHash);
    }

    /** Whether a run started with {@code recorded} as its content hash ran this same runbook. */
    public boolean matches(String recorded) {
        return recorded == null || recorded.equals(contentHash) || recorded.equals(legacyHash);
    }

    /** Preflight, steps, then rollback, in order. */
    public List<PlannedStep> allSteps() {
        List<PlannedStep> all = new ArrayList<>(preflight);
        all.addAll(steps);
        all.addAll(rollback);
        return all;
    }

    public List<PlannedStep> phase(Phase phase) {
        return switch (phase) {
            case PREFLIGHT -> preflight;
            case MAIN -> steps;
            case ROLLBACK -> rollback;
        };
    }

    public Optional<PlannedStep> find(String stepId) {
        return allSteps().stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** Values of secret vars: what must be masked everywhere. */
    public Set<String> secretValues() {
        return secretNames.stream().map(vars::get).filter(v -> v != null && !v.isBlank()).collect(Collectors.toSet());
    }

    /** Var values safe to record (secrets left out). */
    public Map<String, String> publicVars() {
        Map<String, String> out = new LinkedHashMap<>(vars);
        out.keySet().removeAll(secretNames);
        return out;
    }

    /** The runbook's whole-procedure estimate, or null. */
    public Duration estimate() {
        return runbook.estimate();
    }
}
