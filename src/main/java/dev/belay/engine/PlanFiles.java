package dev.belay.engine;

import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryFiles;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import dev.belay.runbook.yaml.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        LoadResult<Inventory> inventory = InventoryFiles.load(inv);
        String problems = java.util.stream.Stream.concat(runbook.problems().stream(), inventory.problems().stream())
                .map(Problem::toString).collect(Collectors.joining("\n"));
        if (!problems.isEmpty() || runbook.value() == null || inventory.value() == null) {
            throw new PlanException(problems.isEmpty() ? "cannot load " + rb + " or " + inv : problems);
        }
        Set<String> included = new TreeSet<>();
        PlanResolver resolver = new PlanResolver(id -> {
            included.add(id);
            return lib.find(id);
        });
        Plan plan = (dryRun ? resolver.withSecretPlaceholders() : resolver).resolve(runbook.value(), inventory.value(), vars);
        return plan.withSources(rb.toString(), inv.toString()).withFileHash(fileHash(lib, rb, included));
    }

    /**
     * SHA-256 of what the operator wrote: the runbook file's text, then each included runbook's (by
     * id), each with line endings made {@code \n} and a leading byte-order mark dropped. It depends on
     * the files only, so a change in how Belay models runbooks never blocks resuming a run.
     */
    static String fileHash(RunbookLibrary lib, Path runbookFile, Set<String> includedIds) {
        StringBuilder canonical = new StringBuilder("runbook\n").append(canonicalText(runbookFile));
        for (String id : includedIds) {
            Path file = lib.results().entrySet().stream()
                    .filter(e -> e.getValue().value() != null && e.getValue().value().id().equals(id))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new PlanException("include " + id + " has no file in the runbook library"));
            canonical.append("\u0000include ").append(id).append('\n').append(canonicalText(file));
        }
        return YamlSource.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String canonicalText(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return text.replace("\r\n", "\n").replace('\r', '\n');
        } catch (IOException e) {
            throw new PlanException(file + ": cannot read it again to hash it: " + e.getMessage());
        }
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
