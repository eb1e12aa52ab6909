package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** What step execution needs from its run: the plan, the transport, the clock and pacing, and a way to emit events. */
interface StepContext {

    Plan plan();

    Transport transport();

    Clock clock();

    /** The run's time and how fast it runs: waits and gate retries sleep through it. */
    Pacing pacing();

    SecretMasker masker();

    /** Cancelled when the run is aborted or closed. */
    CancelToken cancel();

    /** The bounded pool that runs one host's work each. */
    ExecutorService hostPool();

    SnapshotStore snapshots();

    RunMode mode();

    boolean autoConfirm();

    /** Durably records {@code event}, then shows it to listeners. */
    void emit(RunEvent event);

    /** The values captured on {@code host} so far. */
    Map<String, String> capturesOf(String host);

    /** Every host's captures, for {@code max(...)}/{@code min(...)}. */
    Map<String, Map<String, String>> captures();

    /** True when {@code host} already passed {@code stepId} (a retry or a resumed step skips it). */
    boolean hostPassed(String stepId, String host);
}
