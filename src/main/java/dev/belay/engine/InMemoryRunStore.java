package dev.belay.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run store held in memory: for dry runs nobody wants recorded, and for the engine's own unit
 * tests. It masks registered secrets like the audit store does.
 */
public final class InMemoryRunStore implements RunStore {

    private final Map<String, List<RunEvent>> runs = new LinkedHashMap<>();
    private final Set<String> secrets = new HashSet<>();

    @Override
    public synchronized void append(String runId, String operator, RunEvent event) {
        for (String s : secrets) {
            if (event.toString().contains(s)) {
                throw new EventSinkException("event for run " + runId + " carries a secret value unmasked", null);
            }
        }
        runs.computeIfAbsent(runId, k -> new ArrayList<>()).add(event);
    }

    @Override
    public synchronized void registerSecrets(Collection<String> values) {
        values.stream().filter(v -> v != null && !v.isBlank()).forEach(secrets::add);
    }

    @Override
    public synchronized List<RunEvent> events(String runId) {
        return List.copyOf(runs.getOrDefault(runId, List.of()));
    }

    @Override
    public synchronized Map<String, List<Duration>> stepDurations(String runbookId, String exceptRunId) {
        Map<String, List<Duration>> out = new LinkedHashMap<>();
        runs.forEach((runId, events) -> {
            if (!runId.equals(exceptRunId) && runbookOf(events).equals(runbookId)) {
                StepDurations.collect(events).forEach((step, d) -> out.computeIfAbsent(step, k -> new ArrayList<>()).add(d));
            }
        });
        return out;
    }

    @Override
    public synchronized Optional<SnapshotRecord> lastSnapshot(String runbookId, String environment, String name,
                                                              String host) {
        SnapshotRecord last = null;
        for (Map.Entry<String, List<RunEvent>> run : runs.entrySet()) {
            List<RunEvent> events = run.getValue();
            if (!runbookOf(events).equals(runbookId) || !environmentOf(events).equals(environment)) {
                continue;
            }
            for (RunEvent e : events) {
                if (e instanceof RunEvent.SnapshotTaken s && s.name().equals(name) && s.host().equals(host)) {
                    last = new SnapshotRecord(run.getKey(), s.content());
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static String runbookOf(List<RunEvent> events) {
        return events.isEmpty() || !(events.get(0) instanceof RunEvent.RunStarted s) ? "" : s.runbookId();
    }

    private static String environmentOf(List<RunEvent> events) {
        return events.isEmpty() || !(events.get(0) instanceof RunEvent.RunStarted s) ? "" : s.environment();
    }
}
