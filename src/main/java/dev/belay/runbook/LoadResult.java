package dev.belay.runbook;

import java.util.List;

/**
 * What a loader returns: the value (null when there is any problem, so nobody runs a file that
 * did not validate), every problem found, the SHA-256 of the source bytes (hex), node positions and
 * the file name used in problems.
 */
public record LoadResult<T>(T value, List<Problem> problems, String sha256, SourceMap positions, String file) {

    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty() && value != null;
    }
}
