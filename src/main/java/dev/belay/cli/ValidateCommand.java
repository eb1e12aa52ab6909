package dev.belay.cli;

import dev.belay.inventory.InventoryFiles;
import dev.belay.inventory.Inventory;
import dev.belay.inventory.RunbookFit;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code belay validate FILE... [--inventory INV]}: prints every problem as file:line:column: message.
 * With an inventory, each runbook is also checked against it ({@link RunbookFit}: roles and their
 * host counts, {@code role[i]} indexes), as a run would be.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check runbooks and inventories against the Belay format.",
                "Exit status: 0 all valid, 1 problems found, 2 usage error or unreadable file."})
public final class ValidateCommand implements Callable<Integer> {

    /** What a file is; {@code auto} treats a file with a top-level {@code hosts:} as an inventory. */
    public enum Kind { auto, runbook, inventory }

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Runbooks and inventories (Belay YAML, or Ansible INI or YAML, told apart by content).")
    List<Path> files;

    @Option(names = "--kind", paramLabel = "KIND", description = "auto (default), runbook or inventory.")
    Kind kind = Kind.auto;

    @Option(names = "--inventory", paramLabel = "INV",
            description = "Also check each runbook against this inventory: roles, host counts, role[i] indexes.")
    Path inventory;

    @Spec
    CommandSpec spec;

    private final java.util.Map<Path, RunbookLibrary> libraries = new java.util.HashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        Inventory inv = null;
        if (inventory != null) {
            LoadResult<Inventory> loaded;
            try {
                loaded = InventoryFiles.load(inventory.toString(), Files.readAllBytes(inventory), null); // Belay or Ansible
            } catch (IOException | SecurityException e) {
                err.println("belay validate: cannot read inventory " + inventory + ": "
                        + (Files.exists(inventory) ? e.getClass().getSimpleName() : "no such file"));
                return 2;
            }
            loaded.problems().forEach(out::println);
            if (loaded.value() == null || !loaded.problems().isEmpty()) {
                out.flush();
                return 1;
            }
            inv = loaded.value();
        }
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException | SecurityException e) {
                err.println("belay validate: cannot read " + file + ": "
                        + (Files.exists(file) ? e.getClass().getSimpleName() : "no such file"));
                status = 2;
                continue;
            }
            List<Problem> problems = validate(file, bytes, inv);
            problems.forEach(out::println);
            if (problems.isEmpty()) {
                out.println(file + ": ok");
            } else if (status == 0) {
                status = 1;
            }
        }
        out.flush();
        return status;
    }

    private List<Problem> validate(Path file, byte[] bytes, Inventory inv) {
        Kind k = kind == Kind.auto ? detect(bytes) : kind;
        if (k == Kind.inventory) {
            return InventoryFiles.load(file.toString(), bytes, null).problems();
        }
        LoadResult<Runbook> r = libraryFor(file).resultOf(file);
        List<Problem> problems = new ArrayList<>(r.problems().stream()
                .map(p -> new Problem(file.toString(), p.line(), p.column(), p.message())).toList());
        if (inv != null && r.value() != null && problems.isEmpty()) {
            // The fit is about the whole runbook, not one node: reported at its first line.
            RunbookFit.problems(r.value(), inv).forEach(m -> problems.add(new Problem(file.toString(), 1, 1,
                    m + " (inventory " + inventory + ")")));
        }
        return problems;
    }

    /** One library per folder, holding the folder's runbooks and every runbook named on the command line there. */
    private RunbookLibrary libraryFor(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        return libraries.computeIfAbsent(folder, f -> RunbookLibrary.load(List.of(f), files.stream()
                .filter(p -> f.equals(p.toAbsolutePath().normalize().getParent()) && Files.isReadable(p)).toList()));
    }

    /**
     * An inventory is INI-shaped (Ansible), or YAML with a top-level hosts: (Belay) or all: (Ansible);
     * anything else (even unparseable) is checked as a runbook.
     */
    static Kind detect(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "");
        if (InventoryFiles.detect(text) == InventoryFiles.Format.ANSIBLE_INI) {
            return Kind.inventory;
        }
        try {
            LoaderOptions o = new LoaderOptions();
            o.setCodePointLimit(dev.belay.runbook.yaml.YamlSource.MAX_BYTES);
            o.setMaxAliasesForCollections(50);
            Node root = new Yaml(o).compose(new java.io.StringReader(text));
            if (root instanceof MappingNode m && m.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode s
                    && (s.getValue().equals("hosts") || s.getValue().equals("all")))) {
                return Kind.inventory;
            }
        } catch (RuntimeException | StackOverflowError e) {
            // not YAML: the runbook loader reports why, with a position
        }
        return Kind.runbook;
    }
}
