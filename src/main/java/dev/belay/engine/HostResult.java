package dev.belay.engine;

import java.util.List;
import java.util.Map;

/**
 * One host's result in a step: status, attempts, the last command's outcome and output, each
 * expectation's result (of the last attempt), values captured, and the snapshot diff if any.
 */
public record HostResult(String host, HostStatus status, int attempts, String outcome, Integer exitCode,
                         String output, List<CheckResult> checks, Map<String, String> captures, String snapshotDiff,
                         String message) {

    public HostResult {
        checks = List.copyOf(checks);
        captures = Map.copyOf(captures);
    }
}
