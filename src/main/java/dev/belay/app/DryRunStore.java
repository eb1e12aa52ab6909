package dev.belay.app;

import dev.belay.engine.RunEvent;
import dev.belay.engine.RunHistory;
import dev.belay.engine.RunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a dry run's events go: kept in memory, never recorded (as {@code belay run --dry-run}
 * records nothing), while past durations and snapshots are still read from the real audit log.
 */
final class DryRunStore implements RunStore {

    private final RunHistory history;
    private final List<RunEvent> events = new ArrayList<>();

    DryRunStore(RunHistory history) {
        this.history = history;
    }

    @Override
    public synchronized void append(String runId, String operator, RunEvent event) {
        events.add(event);
    }

    @Override
    public void registerSecrets(Collection<String> values) {
        // nothing is stored, so nothing needs masking here; the engine masks its events itself
    }

    @Override
    public synchronized List<RunEvent> events(String runId) {
        return List.copyOf(events);
    }

    @Override
    public Map<String, List<Duration>> stepDurations(String runbookId, String exceptRunId) {
        return history.stepDurations(runbookId, exceptRunId);
    }

    @Override
    public Optional<SnapshotRecord> lastSnapshot(String runbookId, String environment, String name, String host) {
        return history.lastSnapshot(runbookId, environment, name, host);
    }
}
