package dev.belay.audit.bench;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.VerifyResult;
import dev.belay.audit.checkpoint.AllowedSigners;
import dev.belay.audit.checkpoint.CheckpointAudit;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import dev.belay.audit.checkpoint.CheckpointSigner;
import dev.belay.audit.checkpoint.SshSig;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.SshSigner;
import dev.belay.ssh.auth.agent.AgentClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: what a signed checkpoint costs (key file and ssh-agent, ed25519), and what holding a
 * large log against its checkpoints adds to {@code audit verify}.
 * Usage: CheckpointBenchmark WORK_DIR [EVENTS] [EVENTS_PER_RUN]
 */
public final class CheckpointBenchmark {
    private static final Operator OP = new Operator("bench", "bench", "bench-host");
    private static final int SAMPLES = 300;

    private CheckpointBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int perRun = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Files.createDirectories(work);
        Path key = work.resolve("id_bench");
        exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key.toString());
        Path allowed = Files.writeString(work.resolve("allowed_signers"),
                "bench@example.com " + Files.readString(work.resolve("id_bench.pub")));
        SshSigner fileSigner = SshSigner.keyFile(key, PassphrasePrompt.NONE);
        cost("key file", signer(fileSigner), work.resolve("cost-file"));

        Path sock = work.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.out").toFile()).start();
        try {
            for (int i = 0; i < 200 && !Files.exists(sock); i++) {
                Thread.sleep(20);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", "-q", key.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            Process p = add.start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            AgentClient client = new AgentClient(sock);
            cost("ssh-agent", signer(SshSigner.agent(client, client.identities().get(0))), work.resolve("cost-agent"));
        } finally {
            agent.destroy();
        }

        Path file = work.resolve("checkpoints");
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(work.resolve("large")))) {
            store.checkpointWith(new CheckpointPolicy(signer(fileSigner), file, CheckpointPolicy.DEFAULT_EVERY));
            long load = System.nanoTime();
            for (long done = 0, r = 0; done < events; done += perRun, r++) {
                store.appendAll(run("run-" + r, perRun));
            }
            System.out.printf("loaded %,d events in runs of %d (a checkpoint at each run end): %.0f s%n",
                    events, perRun, (System.nanoTime() - load) / 1e9);
            long v = System.nanoTime();
            VerifyResult chain = store.verify();
            double chainMs = (System.nanoTime() - v) / 1e6;
            long c = System.nanoTime();
            CheckpointAudit.Report report = store.verifyCheckpoints(
                    List.of(new CheckpointAudit.Source(file, true, "bench")), AllowedSigners.read(allowed));
            double cpMs = (System.nanoTime() - c) / 1e6;
            if (!chain.intact() || !report.clean()) {
                throw new IllegalStateException("benchmark verify failed: " + chain + " " + report.findings());
            }
            System.out.printf("verify %,d events: chain %.0f ms; %d checkpoints (db + file) %.0f ms; ratio %.3f%n",
                    events, chainMs, report.checked(), cpMs, cpMs / chainMs);
        }
    }

    private static CheckpointSigner signer(SshSigner s) {
        return new CheckpointSigner("bench@example.com", s.publicKeyBlob(), s::sign);
    }

    /** Appends with a checkpoint after every event, and without; the difference is the checkpoint. */
    private static void cost(String what, CheckpointSigner signer, Path dir) throws Exception {
        byte[] message = "belay-audit checkpoint v1\n".getBytes();
        for (int i = 0; i < 50; i++) {
            SshSig.sign(message, SshSig.NAMESPACE, signer); // warm-up
        }
        long s = System.nanoTime();
        for (int i = 0; i < SAMPLES; i++) {
            SshSig.sign(message, SshSig.NAMESPACE, signer);
        }
        double signMs = (System.nanoTime() - s) / 1e6 / SAMPLES;
        double plain = appendMillis(dir.resolve("plain"), null, dir);
        double signed = appendMillis(dir.resolve("signed"), signer, dir);
        System.out.printf("checkpoint via %s: sign %.2f ms; append %.2f ms plain vs %.2f ms with a checkpoint each"
                + " (the checkpoint: %.2f ms, %.1fx an append)%n", what, signMs, plain, signed, signed - plain,
                (signed - plain) / plain);
    }

    private static double appendMillis(Path db, CheckpointSigner signer, Path dir) {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(db))) {
            if (signer != null) {
                store.checkpointWith(new CheckpointPolicy(signer, dir.resolve("checkpoints"), 1));
            }
            for (int i = 0; i < 50; i++) {
                store.append(note("warmup", i));
            }
            long s = System.nanoTime();
            for (int i = 0; i < SAMPLES; i++) {
                store.append(note("r", i));
            }
            return (System.nanoTime() - s) / 1e6 / SAMPLES;
        }
    }

    private static NewEvent note(String run, int i) {
        NewEvent e = NewEvent.of(run, OP, "host-" + (i % 20), EventType.NOTE);
        e.payload().put("text", "note " + i);
        return e;
    }

    private static List<NewEvent> run(String id, int perRun) {
        List<NewEvent> batch = new ArrayList<>(perRun);
        batch.add(NewEvent.of(id, OP, null, EventType.RUN_STARTED));
        batch.get(0).payload().put("runbookId", "bench").put("revision", "r1").put("environment", "prod");
        for (int i = 1; i < perRun - 1; i++) {
            NewEvent e = NewEvent.of(id, OP, "host-" + (i % 20), EventType.COMMAND_FINISHED);
            e.payload().put("stepId", "step-" + (i / 6)).put("exitStatus", 0).put("durationMillis", 40 + i % 100);
            batch.add(e);
        }
        NewEvent end = NewEvent.of(id, OP, null, EventType.RUN_FINISHED);
        end.payload().put("outcome", "succeeded");
        batch.add(end);
        return batch;
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
