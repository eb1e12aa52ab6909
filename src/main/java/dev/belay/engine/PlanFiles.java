package dev.belay.engine;

import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryLoader;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes a plan from files: the runbook (its folder is the library its includes come from), the
 * inventory, and var values. Problems in the files come back as one {@link PlanException} listing
 * each as {@code file:line:column: message}.
 */
public final class PlanFiles {

    private PlanFiles() {
    }

    public static Plan load(Path runbookFile, Path inventoryFile, Map<String, String> vars) {
        return load(runbookFile, inventoryFile, vars, false);
    }

    /** A plan to render, not to run: secrets nobody gave are a placeholder instead of an error or a prompt. */
    public static Plan loadForDryRun(Path runbookFile, Path inventoryFile, Map<String, String> vars) {
        return load(runbookFile, inventoryFile, vars, true);
    }

    private static Plan load(Path runbookFile, Path inventoryFile, Map<String, String> vars, boolean dryRun) {
        Path rb = runbookFile.toAbsolutePath().normalize();
        Path inv = inventoryFile.toAbsolutePath().normalize();
        for (Path p : List.of(rb, inv)) {
            if (!Files.isRegularFile(p)) {
                throw new PlanException(p + ": no such file");
            }
        }
        RunbookLibrary lib = RunbookLibrary.load(rb.getParent() == null ? List.of() : List.of(rb.getParent()), List.of(rb));
        LoadResult<Runbook> runbook = lib.resultOf(rb);
        LoadResult<Inventory> inventory = new InventoryLoader().load(inv);
        String problems = java.util.stream.Stream.concat(runbook.problems().stream(), inventory.problems().stream())
                .map(Problem::toString).collect(Collectors.joining("\n"));
        if (!problems.isEmpty() || runbook.value() == null || inventory.value() == null) {
            throw new PlanException(problems.isEmpty() ? "cannot load " + rb + " or " + inv : problems);
        }
        PlanResolver resolver = new PlanResolver(lib::find);
        return (dryRun ? resolver.withSecretPlaceholders() : resolver).resolve(runbook.value(), inventory.value(), vars)
                .withSources(rb.toString(), inv.toString());
    }

    /** Rebuilds a stored run's plan from the files it recorded, its recorded var values and the secrets given again. */
    public static Plan forResume(RunEvent.RunStarted started, Map<String, String> secretVars) {
        if (started.runbookPath() == null || started.inventoryPath() == null) {
            throw new PlanException("run " + started.runId() + " recorded no runbook or inventory file, so it cannot be resumed");
        }
        Map<String, String> vars = new LinkedHashMap<>(started.vars());
        vars.putAll(secretVars);
        return load(Path.of(started.runbookPath()), Path.of(started.inventoryPath()), vars);
    }
}
