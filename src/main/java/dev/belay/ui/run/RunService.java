package dev.belay.ui.run;

import dev.belay.app.AuditStores;
import dev.belay.app.LiveRun;
import dev.belay.app.Runs;
import dev.belay.audit.AuditStore;
import dev.belay.audit.RunOutcome;
import dev.belay.audit.RunQuery;
import dev.belay.audit.RunSummary;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanException;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.inventory.InventoryFiles;
import dev.belay.inventory.Inventory;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import dev.belay.runbook.VarSpec;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import dev.belay.engine.AuditCheckpoints;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.RunPassphrases;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ui.fx.Background;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything the run screens need that does I/O, on one background thread so the FX thread never
 * waits: loading inventories, starting the practice lab, building plans, opening the audit log,
 * starting and resuming runs. Every method returns at once with a future.
 */
public final class RunService implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunService.class);


    private final RunSettings settings;
    private final Background worker = Background.serial("belay-run-service");
    private AuditStores.Lease audit;
    private PracticeLab lab;

    public RunService(RunSettings settings) {
        this.settings = settings;
    }

    public RunSettings settings() {
        return settings;
    }

    /** The inventory a choice stands for (the lab's is fitted to {@code runbook}), to prefill vars and show the environment. */
    public CompletableFuture<Inventory> inventory(InventoryChoice choice, Runbook runbook) {
        return submit(() -> {
            if (choice instanceof InventoryChoice.PracticeLab) {
                return new Inventory("lab", Map.of(), Map.of(), Map.of());
            }
            return loadInventory(choice);
        });
    }

    /** Builds the plan, then starts the run; {@code listener} sees every event from the first. */
    public CompletableFuture<RunSession> start(StartRequest request, HostKeyPrompt prompt, Consumer<RunEvent> listener) {
        return start(request, prompt, PassphrasePrompt.NONE, listener);
    }

    /** As above; encrypted keys ask {@code passphrases}, once per key for the run. */
    public CompletableFuture<RunSession> start(StartRequest request, HostKeyPrompt prompt, PassphrasePrompt passphrases,
                                               Consumer<RunEvent> listener) {
        return submit(() -> {
            Runbook runbook = loadRunbook(request.runbookFile());
            Path inventoryFile = inventoryFile(request.inventory(), runbook);
            Plan plan = Runs.plan(request.runbookFile(), inventoryFile, request.vars(), request.mode(), false);
            SshSettings ssh = ssh(prompt, passphrases, request.inventory() instanceof InventoryChoice.PracticeLab);
            if (request.mode() != RunMode.DRY_RUN) {
                signCheckpoints(request.operator(), ssh);
            }
            RunOptions options = new RunOptions(request.operator(), request.mode(), request.windowEnd(), false,
                    request.stepByStep(), request.rehearsal());
            LiveRun run = runs().start(plan, options, ssh, listener);
            return new RunSession(run, request.mode(), request.mode() == RunMode.DRY_RUN ? null : audit(),
                    request.operator());
        });
    }

    /** Runs recorded in the audit log without a finish event: the ones Belay offers to resume. */
    public CompletableFuture<List<ResumeInfo>> interruptedRuns() {
        return submit(() -> audit().runs(RunQuery.all().outcome(RunOutcome.UNFINISHED)).stream()
                .map(this::resumeInfo).toList());
    }

    /** Resumes {@code runId}: the lab is started again if the run used it; nothing re-runs unasked. */
    public CompletableFuture<RunSession> resume(String runId, String operator, Map<String, String> secrets,
                                                HostKeyPrompt prompt, Consumer<RunEvent> listener) {
        return resume(runId, operator, secrets, prompt, PassphrasePrompt.NONE, listener);
    }

    /** As above; encrypted keys ask {@code passphrases}, once per key for the run. */
    public CompletableFuture<RunSession> resume(String runId, String operator, Map<String, String> secrets,
                                                HostKeyPrompt prompt, PassphrasePrompt passphrases,
                                                Consumer<RunEvent> listener) {
        return submit(() -> {
            RunEvent.RunStarted started = runs().recordedStart(runId);
            boolean onLab = started.inventoryPath() != null && Path.of(started.inventoryPath()).startsWith(settings.labDir());
            if (onLab) {
                Inventory inv = loadInventory(new InventoryChoice.File(Path.of(started.inventoryPath())));
                ensureLab(inv.hosts().size());
            }
            Plan plan = Runs.resumePlan(started, secrets, false);
            SshSettings ssh = ssh(prompt, passphrases, onLab);
            signCheckpoints(operator != null ? operator : System.getProperty("user.name", "operator"), ssh);
            LiveRun run = runs().resume(runId, plan, new RunEngine.ResumeOptions(operator, secrets, false, true), ssh,
                    listener);
            return new RunSession(run, started.mode(), audit(), run.controller().state().operator());
        });
    }

    private ResumeInfo resumeInfo(RunSummary summary) {
        List<RunEvent> events = new AuditEventSink(audit()).events(summary.runId());
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.RunStarted s)) {
            return new ResumeInfo(summary.runId(), summary.runbookId(), summary.runbookId(), summary.environment(),
                    summary.startedBy().display(), summary.startedAt(), List.of(), "its start event cannot be read");
        }
        try {
            Runbook rb = loadRunbook(Path.of(s.runbookPath()));
            List<String> secrets = rb.vars().values().stream().filter(VarSpec::secret).map(VarSpec::name).toList();
            return new ResumeInfo(s.runId(), s.runbookId(), rb.title(), s.environment(), s.operator(), s.at(), secrets, null);
        } catch (RuntimeException e) {
            return new ResumeInfo(s.runId(), s.runbookId(), s.runbookId(), s.environment(), s.operator(), s.at(),
                    List.of(), e.getMessage());
        }
    }

    private Path inventoryFile(InventoryChoice choice, Runbook runbook) throws IOException {
        if (choice instanceof InventoryChoice.File f) {
            return f.path();
        }
        if (choice instanceof InventoryChoice.Ansible a) {
            Inventory inv = loadInventory(a);
            String stem = a.path().getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return InventoryWriter.write(inv, settings.inventoriesDir().resolve(stem + ".yaml"),
                    "Imported by Belay from the Ansible inventory " + a.path());
        }
        InventoryChoice.PracticeLab wanted = choice instanceof InventoryChoice.PracticeLab l ? l : new InventoryChoice.PracticeLab();
        PracticeLab running = ensureLab(Math.max(wanted.hosts(), LabRoles.hostsNeeded(runbook)));
        wanted.faults().forEach(running::inject);
        Inventory labInv = loadInventory(new InventoryChoice.File(running.inventoryPath()));
        return InventoryWriter.write(LabRoles.fit(labInv, runbook),
                settings.labDir().resolve("inventory-" + runbook.id() + ".yaml"),
                "The practice lab fitted by Belay to the roles of runbook " + runbook.id());
    }

    /** The practice lab this service started, while it runs (the lab panel shows it). */
    public java.util.Optional<PracticeLab> lab() {
        PracticeLab l = lab;
        return l != null && l.isRunning() ? java.util.Optional.of(l) : java.util.Optional.empty();
    }

    /** The running lab, restarted with more hosts when it has too few. */
    private PracticeLab ensureLab(int hosts) throws IOException {
        if (lab != null && lab.isRunning() && lab.hosts().size() >= hosts) {
            return lab;
        }
        if (lab != null) {
            lab.close();
        }
        lab = PracticeLab.start(new LabConfig(settings.labDir(), hosts, 0));
        return lab;
    }

    /** The audit log signs checkpoints with the operator's key (docs/audit.md); the key's passphrase, if any, is this run's. */
    private void signCheckpoints(String operator, SshSettings ssh) {
        AuditCheckpoints.install(audit(), null, null, operator, null, CheckpointPolicy.DEFAULT_EVERY,
                ssh.passphrasePrompt()).ifPresent(why -> LOG.warn("checkpoints: {}", why));
    }

    /** Passphrases are remembered in memory by this run's settings only, never written anywhere. */
    private SshSettings ssh(HostKeyPrompt prompt, PassphrasePrompt passphrases, boolean onLab) {
        SshSettings base = SshSettings.defaults(prompt, new RunPassphrases(passphrases));
        Path user = onLab ? settings.labDir().resolve("known_hosts") : settings.userKnownHosts();
        return base.withKnownHosts(user, settings.belayKnownHosts());
    }

    private static Runbook loadRunbook(Path file) {
        LoadResult<Runbook> r = new RunbookLoader().load(file);
        if (r.value() == null) {
            throw new PlanException(problems(r.problems(), "cannot load runbook " + file));
        }
        return r.value();
    }

    private static Inventory loadInventory(InventoryChoice choice) {
        LoadResult<Inventory> r;
        if (choice instanceof InventoryChoice.Ansible a) {
            r = InventoryFiles.load(a.path(), blankToNull(a.environment()));
        } else if (choice instanceof InventoryChoice.File f) {
            r = InventoryFiles.load(f.path()); // Belay or Ansible, told apart by content
        } else {
            throw new IllegalArgumentException("the practice lab has no file until it starts");
        }
        if (r.value() == null) {
            throw new PlanException(problems(r.problems(), "cannot load the inventory"));
        }
        return r.value();
    }

    private static String problems(List<Problem> problems, String fallback) {
        return problems.isEmpty() ? fallback : problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The application core over this process's audit store. */
    private Runs runs() {
        return new Runs(new AuditEventSink(audit()));
    }

    /** The process's audit store for the configured database (shared with the History page). */
    public synchronized AuditStore audit() {
        if (audit == null) {
            audit = AuditStores.lease(settings.auditUrl());
        }
        return audit.store();
    }

    private <T> CompletableFuture<T> submit(IoWork<T> work) {
        return CompletableFuture.supplyAsync(unchecked(work), worker.executor());
    }

    private static <T> Supplier<T> unchecked(IoWork<T> work) {
        return () -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        };
    }

    @FunctionalInterface
    private interface IoWork<T> {
        T run() throws IOException;
    }

    /** Closes a session's engine threads and SSH connections off the FX thread; the run stays resumable. */
    public void closeLater(RunSession session) {
        try {
            CompletableFuture.runAsync(session::close, worker.executor());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            session.close(); // the service is closing: we are off the FX thread already
        }
    }

    /** Closes the audit log and stops the lab; call after every session is closed. */
    @Override
    public void close() {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            if (lab != null) {
                try {
                    lab.close();
                } catch (IOException e) {
                    // the process is going away; the lab's sessions die with it
                }
            }
            synchronized (this) {
                if (audit != null) {
                    audit.close();
                }
            }
        }, worker.executor());
        done.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        worker.close();
    }
}
