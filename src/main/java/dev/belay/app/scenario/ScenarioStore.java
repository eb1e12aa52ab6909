package dev.belay.app.scenario;

import dev.belay.engine.RunEvent;
import dev.belay.engine.RunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run's store, seen by the scenario on its way in: a fault timed for a step is injected while
 * the step's STEP_STARTED is recorded, so it is active before the step's first command (listeners
 * hear of events later, on another thread, which would race the commands); and every command's host
 * is noted for the {@code untouched} expectation.
 */
final class ScenarioStore implements RunStore {

    private final RunStore delegate;
    private final List<Scenario.TimedFault> timed;
    private final Consumer<Scenario.TimedFault> strike;
    private final String untouchedFrom;
    private final Set<String> injected = new LinkedHashSet<>();
    private final Set<String> hostsWithCommands = new LinkedHashSet<>();
    private final List<String> commandsSeen = new ArrayList<>();
    private boolean counting;

    /** {@code strike} injects a fault or runs a hand's command, before the step's first command. */
    ScenarioStore(RunStore delegate, List<Scenario.TimedFault> timed, Consumer<Scenario.TimedFault> strike,
                  String untouchedFrom) {
        this.delegate = delegate;
        this.timed = List.copyOf(timed);
        this.strike = strike;
        this.untouchedFrom = untouchedFrom;
        this.counting = untouchedFrom == null;
    }

    @Override
    public synchronized void append(String runId, String operator, RunEvent event) {
        if (event instanceof RunEvent.StepStarted s) {
            for (Scenario.TimedFault f : timed) {
                if (s.stepId().equals(f.atStep()) && injected.add(f.label())) {
                    strike.accept(f);
                }
            }
            if (s.stepId().equals(untouchedFrom)) {
                counting = true;
            }
        } else if (event instanceof RunEvent.CommandStarted c && counting) {
            hostsWithCommands.add(c.host());
            commandsSeen.add(c.host() + " (" + c.stepId() + ")");
        }
        delegate.append(runId, operator, event);
    }

    /** Timed faults that never struck because their step never started: a scenario must not pass vacuously. */
    synchronized List<Scenario.TimedFault> neverStruck() {
        return timed.stream().filter(f -> !injected.contains(f.label())).toList();
    }

    /** Hosts that ran a command since counting began (the whole run, or from {@code untouchedFrom} on). */
    synchronized Set<String> hostsWithCommands() {
        return Set.copyOf(hostsWithCommands);
    }

    /** The first command of {@code host} since counting began, as "host (step)". */
    synchronized String firstCommandOn(String host) {
        return commandsSeen.stream().filter(c -> c.startsWith(host + " (")).findFirst().orElse(host);
    }

    @Override
    public void registerSecrets(Collection<String> values) {
        delegate.registerSecrets(values);
    }

    @Override
    public List<RunEvent> events(String runId) {
        return delegate.events(runId);
    }

    @Override
    public Map<String, List<Duration>> stepDurations(String runbookId, String exceptRunId) {
        return delegate.stepDurations(runbookId, exceptRunId);
    }

    @Override
    public Optional<SnapshotRecord> lastSnapshot(String runbookId, String environment, String name, String host) {
        return delegate.lastSnapshot(runbookId, environment, name, host);
    }
}
