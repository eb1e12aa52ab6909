package dev.belay.inventory;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.SourceMap;
import dev.belay.runbook.yaml.YamlContext;
import dev.belay.runbook.yaml.YamlSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The one way Belay reads an inventory file, whatever wrote it: a Belay inventory, an Ansible YAML
 * inventory or an Ansible INI inventory (kolla-ansible's {@code multinode} as it ships), told apart
 * by content rather than by file name. The command line and the desktop both load through here.
 */
public final class InventoryFiles {

    /** The three syntaxes, as detected. */
    public enum Format { BELAY, ANSIBLE_YAML, ANSIBLE_INI }

    /** Top-level keys only a Belay inventory has (Ansible YAML's top level holds groups). */
    private static final Set<String> BELAY_KEYS = Set.of("environment", "defaults", "hosts", "roles");

    private InventoryFiles() {
    }

    public static LoadResult<Inventory> load(Path file) {
        return load(file, null);
    }

    /** @param environment the environment of an Ansible inventory; null: its {@code belay_environment} or file name */
    public static LoadResult<Inventory> load(Path file, String environment) {
        try {
            return load(file.toString(), Files.readAllBytes(file), environment);
        } catch (IOException | SecurityException e) {
            return new LoadResult<>(null, List.of(new Problem(file.toString(), 1, 1, "cannot read the file: " + e)),
                    "", SourceMap.EMPTY, file.toString());
        }
    }

    public static LoadResult<Inventory> load(String name, byte[] bytes, String environment) {
        YamlContext cx = new YamlContext(name);
        String text = YamlSource.decode(bytes, cx);
        if (text == null) {
            return new LoadResult<>(null, cx.problems(), YamlSource.sha256(bytes), SourceMap.EMPTY, name);
        }
        Format format = detect(text);
        if (format == Format.BELAY) {
            return new InventoryLoader().load(name, bytes);
        }
        AnsibleInventoryImporter importer = new AnsibleInventoryImporter();
        if (format != null) {
            return importer.importText(name, text, environment, format == Format.ANSIBLE_INI);
        }
        return neitherOrIni(name, bytes, text, environment, importer);
    }

    /**
     * The text is not YAML and does not start like INI: it may still be INI that begins with an odd
     * line; if not, both readings' problems are given, each naming its line.
     */
    private static LoadResult<Inventory> neitherOrIni(String name, byte[] bytes, String text, String environment,
                                                      AnsibleInventoryImporter importer) {
        LoadResult<Inventory> ini = importer.importText(name, text, environment, true);
        if (ini.ok() && !ini.value().hosts().isEmpty()) {
            return ini;
        }
        LoadResult<Inventory> yaml = new InventoryLoader().load(name, bytes);
        List<Problem> problems = new ArrayList<>();
        yaml.problems().forEach(p -> problems.add(new Problem(p.file(), p.line(), p.column(),
                "not a YAML inventory: " + p.message())));
        ini.problems().stream().limit(3).forEach(p -> problems.add(new Problem(p.file(), p.line(), p.column(),
                "not an Ansible INI inventory either: " + p.message())));
        if (ini.problems().isEmpty()) {
            problems.add(new Problem(name, 1, 1, "not an Ansible INI inventory either: it names no host"));
        }
        return new LoadResult<>(null, problems, yaml.sha256(), SourceMap.EMPTY, name);
    }

    /** The syntax of an inventory text; null when it is neither INI-shaped nor valid YAML. */
    public static Format detect(String text) {
        if (AnsibleInventoryImporter.looksLikeIni(text)) {
            return Format.ANSIBLE_INI;
        }
        Node root;
        try {
            LoaderOptions o = new LoaderOptions();
            o.setCodePointLimit(YamlSource.MAX_BYTES);
            o.setMaxAliasesForCollections(50);
            root = new Yaml(o).compose(new StringReader(text.replace("\uFEFF", "")));
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        if (!(root instanceof MappingNode m)) {
            return root == null ? Format.BELAY : null; // empty: the Belay loader says what an inventory needs
        }
        boolean belay = m.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode s && BELAY_KEYS.contains(s.getValue()));
        return belay ? Format.BELAY : Format.ANSIBLE_YAML;
    }
}
