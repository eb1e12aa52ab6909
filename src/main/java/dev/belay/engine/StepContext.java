package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The step environment: what executing a step needs from its run. Everything is fixed for the run
 * except what the journal holds, which it reads under the journal's lock.
 *
 * @param pacing   the run's time and how fast it runs: waits and gate retries sleep through it
 * @param cancel   cancelled when the run is aborted or closed
 * @param hostPool the bounded pool that runs one host's work each
 */
record StepContext(Plan plan, Transport transport, Pacing pacing, SecretMasker masker, CancelToken cancel,
                   ExecutorService hostPool, SnapshotStore snapshots, boolean autoConfirm, RunJournal journal) {

    /** The run's time (its pacing's): event timestamps, gate deadlines, the window. */
    Clock clock() {
        return pacing.clock();
    }

    RunMode mode() {
        return journal.read(RunModel::mode);
    }

    /** Durably records {@code event}, then shows it to listeners. */
    void emitAll(java.util.List<RunEvent> events) {
        journal.emitAll(events);
    }

    void emit(RunEvent event) {
        journal.emit(event);
    }

    /** The values captured on {@code host} so far. */
    Map<String, String> capturesOf(String host) {
        return journal.read(m -> m.capturesOf(host));
    }

    /** Every host's captures, for {@code max(...)}/{@code min(...)}. */
    Map<String, Map<String, String>> captures() {
        return journal.read(RunModel::captures);
    }

    /** True when {@code host} already passed {@code stepId} (a retry or a resumed step skips it). */
    boolean hostPassed(String stepId, String host) {
        return journal.read(m -> m.step(stepId).hostStatus(host) == HostStatus.PASSED);
    }
}
