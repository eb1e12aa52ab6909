package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.checkpoint.AllowedSigners;
import dev.belay.audit.checkpoint.CheckpointAudit;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.Option;
import dev.belay.engine.PlanFiles;
import dev.belay.engine.Resolution;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.SshTransport;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety at scale: a child JVM runs {@code belay run} (signing checkpoints) and halts as SIGKILL
 * would, right after its k-th audit event commits ({@code -Dbelay.test.haltAfterEvents=k}), for 19
 * boundaries of a run that takes a snapshot, confirms, fails and rolls back; a 20th child dies while
 * recording a terminal. Each time: the chain and the checkpoints verify, every event committed before
 * the halt is there in the reference run's order, and resume (the operator resolving unknown outcomes
 * the way they would after looking at the host) ends the run as the uninterrupted one did, with every
 * command's effect exactly once.
 */
@Timeout(900)
class CrashWalkTest {
    private static final String RUNBOOK = """
            id: crash-walk
            title: Every kind of event, then a rollback
            component: test
            revision: 1
            summary: Killed at each event boundary.
            roles:
              controllers: { min: 1 }
            steps:
              - id: prep
                title: Prepare
                on: controllers[0]
                run: echo 1 >> prep
              - id: snap
                title: Snapshot the state
                on: controllers[0]
                run: echo 1 >> snap; echo state-v1
                snapshot: crash-state
              - id: look
                title: Look
                confirm: It looks right
              - id: work
                title: Work
                on: controllers[0]
                run: echo 1 >> work
              - id: break
                title: Break
                on: controllers[0]
                run: echo 1 >> break; exit 3
            on_failure: rollback
            rollback:
              - id: undo
                title: Undo
                on: controllers[0]
                run: echo 1 >> undo
            """;
    private static final List<String> EFFECTS = List.of("prep", "snap", "work", "break", "undo");
    private static final int POINTS_IN_RUNS = 19;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    static Path runbook;
    static Path key;
    static Path allowed;

    @BeforeAll
    static void start() throws Exception {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0));
        runbook = Files.writeString(dir.resolve("crash-walk.yaml"), RUNBOOK);
        key = dir.resolve("id_signer");
        exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        allowed = Files.writeString(dir.resolve("allowed_signers"),
                "ci@example.com " + Files.readString(dir.resolve("id_signer.pub")));
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    private static Path home() {
        return lab.hosts().get(0).home();
    }

    private static void clearEffects() throws Exception {
        for (String f : EFFECTS) {
            Files.deleteIfExists(home().resolve(f));
        }
    }

    private static int lines(String effect) throws Exception {
        Path f = home().resolve(effect);
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    private static List<String> runArgs(String db, Path checkpoints) {
        return List.of("run", runbook.toString(), "--inventory", lab.inventoryPath().toString(), "--db", db,
                "--operator", "ci", "--known-hosts", lab.knownHostsPath().toString(), "--auto-confirm",
                "--checkpoint-key", key.toString(), "--checkpoints", checkpoints.toString(), "--signer", "ci@example.com");
    }

    @Test
    void killedAtTwentyPointsTheLogHoldsAndResumeEndsTheRunAsAnUninterruptedOne() throws Exception {
        // The uninterrupted run: its events are the boundaries to crash at, its end the one to reach.
        clearEffects();
        String refDb = AuditStore.h2Url(dir.resolve("reference"));
        Cli ref = new Cli();
        ref.run(runArgs(refDb, dir.resolve("reference.checkpoints")).toArray(String[]::new));
        List<EventType> reference;
        try (AuditStore store = AuditStore.open(refDb)) {
            String runId = store.runs(dev.belay.audit.RunQuery.all()).get(0).runId();
            reference = store.timeline(runId).stream().map(AuditEvent::type).toList();
        }
        assertThat(reference.get(reference.size() - 1)).as(ref.out + "\n" + ref.err).isEqualTo(EventType.RUN_FINISHED);
        for (String f : EFFECTS) {
            assertThat(lines(f)).as("reference " + f).isEqualTo(1);
        }

        List<String> table = new ArrayList<>();
        for (int k : points(reference)) {
            table.add(crashAt(k, reference));
        }
        table.add(crashWhileRecording());
        System.out.println("CrashWalkTest: " + table.size() + " kill points\n  " + String.join("\n  ", table));
        assertThat(table).hasSize(POINTS_IN_RUNS + 1);
    }

    /** After the first event of each kind, after every COMMAND_STARTED (a command in flight), then evenly. */
    private static List<Integer> points(List<EventType> reference) {
        Set<Integer> ks = new LinkedHashSet<>();
        Set<EventType> seen = new java.util.HashSet<>();
        for (int i = 0; i < reference.size() - 1; i++) {
            if (seen.add(reference.get(i)) || reference.get(i) == EventType.COMMAND_STARTED) {
                ks.add(i + 1);
            }
        }
        for (int i = 1; ks.size() < POINTS_IN_RUNS && i < reference.size(); i++) {
            ks.add(i);
        }
        return ks.stream().sorted().limit(POINTS_IN_RUNS).toList();
    }

    private String crashAt(int k, List<EventType> reference) throws Exception {
        long t0 = System.nanoTime();
        clearEffects();
        Path work = Files.createDirectories(dir.resolve("k" + k));
        String db = AuditStore.h2Url(work.resolve("audit"));
        Path checkpoints = work.resolve("checkpoints");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Dbelay.test.haltAfterEvents=" + k, "-cp",
                System.getProperty("java.class.path"), "dev.belay.cli.Main"));
        cmd.addAll(runArgs(db, checkpoints));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile()).start();
        boolean ended = child.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        String childLog = Files.readString(work.resolve("child.log"));
        assertThat(ended && child.exitValue() == 137).as("child halted after event " + k + ":\n" + childLog).isTrue();
        String where = "after event " + k + " (" + reference.get(k - 1) + ", before " + reference.get(k) + ")";

        SshSettings ssh = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE)
                .withKnownHosts(lab.knownHostsPath(), work.resolve("known_hosts"));
        List<String> did = new ArrayList<>();
        try (AuditStore store = ResumeAfterKillTest.openWithRetry(db)) {
            assertThat(store.verify().intact()).as(where + ": chain").isTrue();
            String runId = store.runs(dev.belay.audit.RunQuery.all()).get(0).runId();
            List<EventType> kept = store.timeline(runId).stream().map(AuditEvent::type).toList();
            assertThat(kept).as(where + ": every committed event is there, in order").isEqualTo(reference.subList(0, k));
            AuditEventSink sink = new AuditEventSink(store);
            var plan = PlanFiles.forResume((RunEvent.RunStarted) sink.events(runId).get(0), Map.of());
            try (SshTransport transport = new SshTransport(ssh, plan.inventory());
                 RunController run = new RunEngine(transport, sink).resume(runId,
                         new RunEngine.ResumeOptions("ci", Map.of(), true, false), PlanFiles::forResume)) {
                RunState s = settled(run);
                for (int round = 0; round < 20 && !s.status().ended(); round++) {
                    if (s.unknownOutcomes().isEmpty()) {
                        if (s.awaiting() != null && s.awaiting().options().contains(Option.RUN)) {
                            // Resume re-runs nothing unasked: it waits at the next step for the operator's Run.
                            did.add("waited at " + s.awaiting().stepId() + ", operator pressed Run");
                            run.run(s.awaiting().stepId()).get(30, TimeUnit.SECONDS);
                            s = settled(run);
                            continue;
                        }
                        did.add("stopped awaiting " + (s.awaiting() == null ? "nothing" : s.awaiting().options()));
                        break;
                    }
                    for (String unknown : s.unknownOutcomes()) {
                        String step = unknown.substring(0, unknown.indexOf('@'));
                        String host = unknown.substring(unknown.indexOf('@') + 1);
                        // What the operator does: look on the host whether the command left its mark.
                        Resolution r = lines(step) == 0 ? Resolution.RERUN
                                : step.equals("break") ? Resolution.MARK_FAILED : Resolution.MARK_DONE;
                        did.add(unknown + " unknown -> " + r);
                        run.resolveUnknown(step, host, r, "checked the host after the crash").get(30, TimeUnit.SECONDS);
                    }
                    s = settled(run);
                }
                assertThat(s.status()).as(where + ": " + did).isEqualTo(RunStatus.ROLLED_BACK);
            }
            for (String f : EFFECTS) {
                assertThat(lines(f)).as(where + ": " + f + " ran exactly once").isEqualTo(1);
            }
            assertThat(store.verify().intact()).as(where + ": chain after resume").isTrue();
            CheckpointAudit.Report cp = store.verifyCheckpoints(
                    List.of(new CheckpointAudit.Source(checkpoints, false, "child")), AllowedSigners.read(allowed));
            assertThat(cp.findings()).as(where + ": checkpoints").isEmpty();
        }
        return where + ": chain and " + kept(k) + " intact; resume "
                + (did.isEmpty() ? "went on by itself" : String.join(", ", did)) + " -> ROLLED_BACK, each command once (" + (System.nanoTime() - t0) / 1_000_000_000 + " s)";
    }

    /**
     * Settled in a state the operator can act on: right after a resolution the engine may still show the
     * question just answered (awaiting RESOLVE_UNKNOWN with nothing unknown left) for a moment.
     */
    private static RunState settled(RunController run) throws InterruptedException {
        return run.await(x -> x.status().ended() || x.awaiting() != null && (!x.unknownOutcomes().isEmpty()
                || !x.awaiting().options().contains(Option.RESOLVE_UNKNOWN)), Duration.ofSeconds(60));
    }

    private static String kept(int k) {
        return k + " committed event" + (k == 1 ? "" : "s");
    }

    /** A child that records a terminal and dies mid-session: every flushed chunk is kept, the chain verifies. */
    private String crashWhileRecording() throws Exception {
        Path work = Files.createDirectories(dir.resolve("recording"));
        String db = AuditStore.h2Url(work.resolve("audit"));
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RecordingChild.class.getName(), db).redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS) && child.exitValue() == 137)
                .as(Files.readString(work.resolve("child.log"))).isTrue();
        try (AuditStore store = ResumeAfterKillTest.openWithRetry(db)) {
            assertThat(store.verify().intact()).isTrue();
            List<AuditEvent> events = store.timeline("rec-run");
            assertThat(events).extracting(AuditEvent::type).containsExactly(EventType.RUN_STARTED, EventType.TERMINAL_OPENED);
            String cast = store.readRecording(store.recordings("rec-run").get(0).id()).orElseThrow();
            for (int i = 0; i < RecordingChild.FLUSHED; i++) {
                assertThat(cast).contains("line " + i + " of the session");
            }
            return "while recording a terminal (TERMINAL_OPENED, " + RecordingChild.FLUSHED + " frames flushed):"
                    + " chain intact, the recording reads back up to its last flushed frame, no TERMINAL_CLOSED";
        }
    }

    /** The child of {@link #crashWhileRecording}: opens a recorded terminal, flushes frames, halts. */
    public static final class RecordingChild {
        static final int FLUSHED = 40;

        public static void main(String[] args) {
            AuditStore store = AuditStore.open(args[0]);
            dev.belay.audit.NewEvent start = dev.belay.audit.NewEvent.of("rec-run",
                    dev.belay.audit.Operator.current("ci"), null, EventType.RUN_STARTED);
            start.payload().put("runbookId", "recording").put("revision", "1");
            store.append(start);
            var rec = store.startRecording("rec-run", "lab-1", 100, 30, "lab-1 shell");
            dev.belay.audit.NewEvent opened = dev.belay.audit.NewEvent.of("rec-run",
                    dev.belay.audit.Operator.current("ci"), "lab-1", EventType.TERMINAL_OPENED);
            opened.payload().put("recordingId", rec.id());
            store.append(opened);
            for (int i = 0; i < FLUSHED; i++) {
                rec.output("line " + i + " of the session\r\n");
                rec.flush();
            }
            rec.output("never flushed\r\n");
            Runtime.getRuntime().halt(137);
        }
    }

    private static void exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }
}
