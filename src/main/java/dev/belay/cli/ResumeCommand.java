package dev.belay.cli;

import dev.belay.app.AuditStores;
import dev.belay.app.LiveRun;
import dev.belay.app.Runs;
import dev.belay.audit.AuditException;
import dev.belay.audit.AuditStore;
import dev.belay.ssh.auth.RunPassphrases;
import dev.belay.ssh.exec.SshConnector;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.PlanException;
import dev.belay.engine.Plan;
import dev.belay.engine.Resolution;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code belay resume RUN}: continues an interrupted run where it was. A command that started with
 * no recorded finish is reported as outcome unknown, and stays so until {@code --resolve} decides it.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an interrupted run where it was; nothing is re-run unless you say so.",
                "Exit codes as for 'belay run'."})
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (belay audit runs lists them).")
    String runId;
    @Option(names = "--operator", paramLabel = "NAME", description = "Who takes the run over (default: the last operator).")
    String operator;
    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Secret var values, which are never stored.")
    Map<String, String> secrets = new LinkedHashMap<>();
    @Option(names = "--resolve", paramLabel = "STEP@HOST=DECISION",
            description = "Decide an unknown outcome: rerun, done or failed (repeatable).")
    List<String> resolutions = List.of();
    @Option(names = "--note", paramLabel = "TEXT", description = "Why: recorded with each --resolve.")
    String note;
    @Mixin
    HeadlessRunOptions common;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = common.out();
        PrintWriter err = common.err();
        // sshj's config builds on the other core while the audit log opens and the plan is rebuilt.
        SshConnector.prepareInBackground();
        try (AuditStores.Lease audit = AuditStores.lease(common.db.resolved())) {
            AuditStore store = audit.store();
            Runs runs = new Runs(new AuditEventSink(store));
            Plan plan = Runs.resumePlan(runs.recordedStart(runId), secrets, common.autoConfirm);
            RunPrinter printer = new RunPrinter(out, common.verbose);
            try (RunPassphrases passphrases = new RunPassphrases(new ConsolePassphrases(common.passphraseReader))) {
                common.checkpoints.install(store, HeadlessRunOptions.operatorOr(operator), passphrases, err);
                try (LiveRun live = runs.resume(runId, plan,
                        new RunEngine.ResumeOptions(operator, secrets, common.autoConfirm, false),
                        common.ssh(passphrases, plan.inventory()), printer)) {
                    RunController run = live.controller();
                    run.awaitSettled(java.time.Duration.ofSeconds(30));
                    for (String r : resolutions) {
                        resolve(run, r);
                    }
                    return RunDriver.drive(run, printer, out);
                }
            }
        } catch (PlanException | IllegalArgumentException e) {
            err.println("resume: " + e.getMessage());
            return RunDriver.BAD_INPUT;
        } catch (AuditException e) {
            err.println("resume: " + e.getMessage());
            return RunDriver.FAILED;
        } catch (ExecutionException e) {
            err.println("resume: " + e.getCause().getMessage());
            return RunDriver.BAD_INPUT;
        }
    }

    private void resolve(RunController run, String spec) throws InterruptedException, ExecutionException {
        int at = spec.indexOf('@');
        int eq = spec.lastIndexOf('=');
        if (at <= 0 || eq < at) {
            throw new IllegalArgumentException("--resolve " + spec + ": write STEP@HOST=rerun|done|failed");
        }
        Resolution r = switch (spec.substring(eq + 1).toLowerCase(Locale.ROOT)) {
            case "rerun" -> Resolution.RERUN;
            case "done" -> Resolution.MARK_DONE;
            case "failed" -> Resolution.MARK_FAILED;
            default -> throw new IllegalArgumentException("--resolve " + spec + ": the decision is rerun, done or failed");
        };
        run.resolveUnknown(spec.substring(0, at), spec.substring(at + 1, eq), r, note).get();
    }
}
