package dev.belay.app.scenario;

import dev.belay.runbook.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds and loads scenario files: a file as given, a folder's *.yaml / *.yml files in name order. */
public final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /** The scenario files named by {@code paths}; a path that does not exist is an error naming it. */
    public static List<Path> find(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    out.addAll(s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .filter(Files::isRegularFile).sorted().toList());
                } catch (IOException e) {
                    throw new IllegalArgumentException(p + ": cannot list it: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no scenario files (*.yaml) in " + paths);
        }
        return out;
    }

    public static LoadResult<Scenario> load(Path file) {
        return ScenarioReader.load(file);
    }
}
