package dev.belay.runbook;

import dev.belay.runbook.yaml.YamlContext;
import dev.belay.runbook.yaml.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates one runbook file. Never throws for bad input: every problem comes back in the
 * {@link LoadResult} with its line and column. Includes are checked across files by {@link RunbookLibrary}.
 */
public final class RunbookLoader {

    static final String EMPTY_HINT = "a runbook needs at least id:, title: and steps:";

    public LoadResult<Runbook> load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return new LoadResult<>(null, List.of(new Problem(name, 1, 1, "cannot read the file: " + e)), "",
                    SourceMap.EMPTY, name);
        }
        return load(name, bytes);
    }

    public LoadResult<Runbook> load(String name, String text) {
        return load(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public LoadResult<Runbook> load(String name, byte[] bytes) {
        LoadResult<Runbook> partial = loadPartial(name, bytes);
        return new LoadResult<>(partial.problems().isEmpty() ? partial.value() : null, partial.problems(),
                partial.sha256(), partial.positions(), name);
    }

    /** Like {@link #load(String, byte[])}, but keeps what could be read even when there are problems. */
    LoadResult<Runbook> loadPartial(String name, byte[] bytes) {
        YamlContext cx = new YamlContext(name);
        String sha = YamlSource.sha256(bytes);
        String text = YamlSource.decode(bytes, cx);
        Node root = text == null ? null : YamlSource.compose(text, cx, EMPTY_HINT);
        if (root == null) {
            return new LoadResult<>(null, cx.problems(), sha, cx.sourceMap(), name);
        }
        Runbook rb = new RunbookReader(cx).read(root);
        SourceMap map = cx.sourceMap();
        List<Problem> problems = new ArrayList<>(cx.problems());
        if (rb != null) {
            problems.addAll(RunbookValidator.validate(rb, map, name));
        }
        return new LoadResult<>(rb, sorted(problems), sha, map, name);
    }

    static List<Problem> sorted(List<Problem> problems) {
        return problems.stream().distinct().sorted(Comparator.comparingInt(Problem::line)
                .thenComparingInt(Problem::column)).toList();
    }
}
