package dev.belay.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The valid runbooks tests loop over: the project's {@code runbooks/} and the valid fixtures. */
final class RunbookFiles {

    static final Path PROJECT = Path.of("runbooks");
    static final Path VALID = Path.of("src/test/resources/runbooks/valid");

    private RunbookFiles() {
    }

    static List<Path> yaml(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static List<Path> allValid() throws IOException {
        List<Path> all = new ArrayList<>(yaml(PROJECT));
        all.addAll(yaml(VALID));
        return all;
    }
}
