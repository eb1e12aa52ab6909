package dev.belay.engine;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots live in the run log as {@link RunEvent.SnapshotTaken} events; this compares a new one
 * with the last of the same name for the same runbook, environment and host (this run included).
 */
final class SnapshotStore {

    private final RunHistory history;
    private final String runbookId;
    private final String environment;

    SnapshotStore(RunHistory history, String runbookId, String environment) {
        this.history = history;
        this.runbookId = runbookId;
        this.environment = environment;
    }

    /** The event recording {@code content} and its unified diff against the previous snapshot ("" if none or same). */
    RunEvent.SnapshotTaken take(java.time.Instant at, String stepId, String host, String name, String content) {
        Optional<RunHistory.SnapshotRecord> prev = history.lastSnapshot(runbookId, environment, name, host);
        if (prev.isEmpty()) {
            return new RunEvent.SnapshotTaken(at, stepId, host, name, content, null, "", true);
        }
        String diff = diff(prev.get().content(), content, "previous (run " + prev.get().runId() + ")", "now");
        return new RunEvent.SnapshotTaken(at, stepId, host, name, content, prev.get().runId(), diff, diff.isEmpty());
    }

    static String diff(String before, String after, String beforeName, String afterName) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, a, patch, 3)) + "\n";
    }
}
