package dev.belay.cli;

import dev.belay.app.AuditStores;
import dev.belay.app.WindowEnd;
import java.time.ZoneId;
import dev.belay.app.LiveRun;
import dev.belay.app.Runs;
import dev.belay.audit.AuditException;
import dev.belay.audit.AuditStore;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.DryRunRenderer;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanException;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.ssh.auth.RunPassphrases;
import dev.belay.ssh.exec.SshConnector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code belay run RUNBOOK --inventory FILE}: runs a runbook headless, printing each step and check. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a runbook headless against an inventory, printing each step and check as it goes.",
                "Exit 0 when the run completes, 1 when a step fails or the run is rolled back, 2 on bad input,",
                "3 when it waits for the operator (continue with 'belay resume RUN')."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;
    @Option(names = "--inventory", required = true, paramLabel = "FILE", description = "The inventory file.")
    Path inventory;
    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A var value (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();
    @Option(names = "--operator", paramLabel = "NAME", description = "Who runs it (default: your login).")
    String operator;
    @Option(names = "--dry-run", description = "Print every command per host and the expectations; execute nothing.")
    boolean dryRun;
    @Option(names = "--rehearsal", description = "Mark the run as a rehearsal.")
    boolean rehearsal;
    @Option(names = "--window-end", paramLabel = "TIME",
            description = "End of the maintenance window in local time: HH:MM (today, or tomorrow once that has passed;"
                    + " this machine's time zone), or an instant with its offset (2026-11-25T23:00:00Z).")
    String windowEnd;
    @Option(names = {"-q", "--quiet"}, description = "Checks only: leave out what the hosts print ([host] line).")
    boolean quiet;
    @Mixin
    HeadlessRunOptions common;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = common.out();
        PrintWriter err = common.err();
        if (!dryRun) {
            // sshj's config builds on the other core while the runbook is read and the audit log opens.
            SshConnector.prepareInBackground();
        }
        Plan plan;
        Instant end;
        try {
            plan = Runs.plan(runbook, inventory, vars, dryRun ? RunMode.DRY_RUN : RunMode.LIVE, common.autoConfirm);
            end = WindowEnd.parse(windowEnd, Instant.now(), ZoneId.systemDefault(), "--window-end");
        } catch (PlanException | IllegalArgumentException e) {
            err.println("run: " + e.getMessage());
            return RunDriver.BAD_INPUT;
        }
        if (dryRun) {
            out.print(DryRunRenderer.render(plan));
            out.flush();
            return RunDriver.COMPLETED;
        }
        String who = HeadlessRunOptions.operatorOr(operator);
        RunOptions options = new RunOptions(who, RunMode.LIVE, end, common.autoConfirm, false, rehearsal);
        try (AuditStores.Lease audit = AuditStores.lease(common.db.resolved());
             RunPassphrases passphrases = new RunPassphrases(new ConsolePassphrases(common.passphraseReader))) {
            AuditStore store = audit.store();
            common.checkpoints.install(store, who, passphrases, err);
            RunPrinter printer = new RunPrinter(out, common.verbose, quiet);
            try (LiveRun run = new Runs(new AuditEventSink(store))
                    .start(plan, options, common.ssh(passphrases, plan.inventory()), printer)) {
                int code = RunDriver.drive(run.controller(), printer, out);
                CheckpointOptions.report(store, err);
                return code;
            }
        } catch (AuditException e) {
            err.println("run: " + e.getMessage());
            return RunDriver.FAILED;
        }
    }

}
