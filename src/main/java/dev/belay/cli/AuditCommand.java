package dev.belay.cli;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.EventText;
import dev.belay.audit.AuditException;
import dev.belay.audit.AuditStore;
import dev.belay.audit.ReportFormat;
import dev.belay.audit.RunOutcome;
import dev.belay.audit.RunQuery;
import dev.belay.audit.RunReport;
import dev.belay.audit.RunSummary;
import dev.belay.audit.StepDuration;
import dev.belay.audit.VerifyResult;
import dev.belay.audit.checkpoint.AllowedSigners;
import dev.belay.audit.checkpoint.CheckpointAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code belay audit ...}: verify the hash chain, list and show runs, export reports and recordings. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read and check the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Runs.class, AuditCommand.Show.class,
                AuditCommand.Export.class, AuditCommand.Cast.class, AuditBundleCommand.class,
                AuditCompareCommand.class})
public final class AuditCommand implements Runnable {

    static final int OK = 0;
    static final int FOUND_PROBLEM = 1;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --db option every subcommand shares; BELAY_AUDIT_DB is the setting behind its default. */
    static final class Db {
        @Option(names = "--db", paramLabel = "JDBC_URL",
                description = "Audit database (default: $BELAY_AUDIT_DB, else the H2 file under ~/.belay/audit).")
        String url;

        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        String resolved() {
            if (url != null && !url.isBlank()) {
                return url;
            }
            String env = System.getenv("BELAY_AUDIT_DB");
            return env != null && !env.isBlank() ? env : AuditStore.defaultUrl();
        }

        /** Runs work on the store; a store failure is a one-line message and exit code 1, not a stack trace. */
        int with(StoreWork work) {
            PrintWriter err = spec.commandLine().getErr();
            try (AuditStore store = AuditStore.open(resolved())) {
                return work.run(store, spec.commandLine().getOut(), err);
            } catch (AuditException e) {
                err.println("audit: " + e.getMessage());
                return FOUND_PROBLEM;
            } catch (IOException e) {
                err.println("audit: cannot write " + e.getMessage() + " (check the --out path and permissions)");
                return FOUND_PROBLEM;
            }
        }
    }

    /** The one answer to a run id the log does not hold: a line naming the log, and exit code 1. */
    static int noRun(String runId, AuditStore store, PrintWriter err) {
        err.println("audit: no run '" + runId + "' in " + store.location() + " (see 'belay audit runs')");
        return FOUND_PROBLEM;
    }

    @FunctionalInterface
    interface StoreWork {
        int run(AuditStore store, PrintWriter out, PrintWriter err) throws IOException;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the hash chain and hold it against every signed checkpoint found (the database's,",
                    "--checkpoints files, and the files the database names); exit 1 naming each problem with its run and seq."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        Db db;
        @Option(names = "--checkpoints", paramLabel = "FILE",
                description = "Checkpoint file(s) to hold the log against (default: $BELAY_CHECKPOINTS, else ~/.belay/checkpoints).")
        List<Path> checkpointFiles = new java.util.ArrayList<>();
        @Option(names = "--allowed-signers", paramLabel = "FILE",
                description = "OpenSSH allowed_signers file: who may sign checkpoints (default: $BELAY_ALLOWED_SIGNERS).")
        Path allowedSigners;

        @Override
        public Integer call() {
            return db.with((store, out, err) -> {
                VerifyResult result = store.verify();
                boolean clean = true;
                if (result instanceof VerifyResult.Intact ok) {
                    out.println("OK: " + ok.count() + " events, chain intact. Head hash " + ok.headHash());
                } else {
                    VerifyResult.Broken broken = (VerifyResult.Broken) result;
                    err.println("TAMPERED: first bad event is #" + broken.seq() + ": " + broken.reason());
                    clean = false;
                }
                return checkpoints(store, out, err) && clean ? OK : FOUND_PROBLEM;
            });
        }

        private boolean checkpoints(AuditStore store, PrintWriter out, PrintWriter err) throws IOException {
            String envSigners = System.getenv("BELAY_ALLOWED_SIGNERS");
            Path signersFile = allowedSigners != null ? allowedSigners
                    : envSigners != null && !envSigners.isBlank() ? Path.of(envSigners) : null;
            AllowedSigners signers;
            try {
                signers = signersFile == null ? null : AllowedSigners.read(signersFile);
            } catch (IOException e) {
                err.println("TAMPERED?: cannot read the allowed signers file " + signersFile + ": " + e.getMessage());
                return false;
            }
            List<CheckpointAudit.Source> sources = checkpointFiles.isEmpty()
                    ? List.of(new CheckpointAudit.Source(CheckpointOptions.file(null), false, "the default"))
                    : checkpointFiles.stream().map(f -> new CheckpointAudit.Source(f, true, "given with --checkpoints")).toList();
            CheckpointAudit.Report report = store.verifyCheckpoints(sources, signers);
            if (report.checked() > 0) {
                out.println("Checkpoints: " + report.checked() + " checked, the log is vouched for up to event "
                        + report.anchoredUpTo() + (signers == null ? "" : " by signers in " + signersFile) + ".");
            }
            report.findings().forEach(f -> err.println("TAMPERED: " + f));
            report.notes().forEach(n -> out.println("Note: " + n));
            return report.clean();
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs, newest first.")
    static final class Runs implements Callable<Integer> {
        @Mixin
        Db db;
        @Option(names = "--runbook", description = "Only runs of this runbook id.")
        String runbook;
        @Option(names = "--operator", description = "Only runs held by this operator name or OS login.")
        String operator;
        @Option(names = "--env", description = "Only runs against this environment.")
        String environment;
        @Option(names = "--outcome", description = "One of: ${COMPLETION-CANDIDATES}.")
        RunOutcome outcome;
        @Option(names = "--since", description = "Started at or after (2026-11-25 or 2026-11-25T10:00:00Z).")
        String since;
        @Option(names = "--until", description = "Started before (same forms as --since).")
        String until;
        @Option(names = "--grep", description = "Only runs with this text in a command output.")
        String grep;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many runs (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            RunQuery q = RunQuery.all().runbook(runbook).operator(operator).environment(environment).outcome(outcome)
                    .between(instant("--since", since), instant("--until", until)).outputContains(grep).limit(limit);
            return db.with((store, out, err) -> {
                List<RunSummary> runs = store.runs(q);
                out.printf("%-36s %-20s %-10s %-12s %-24s %s%n", "RUN", "RUNBOOK", "ENV", "OUTCOME", "STARTED", "OPERATORS");
                for (RunSummary r : runs) {
                    out.printf("%-36s %-20s %-10s %-12s %-24s %s%n", r.runId(), r.runbookId(), r.environment(),
                            r.outcome().label(), r.startedAt(), String.join(",", r.operators()));
                }
                return OK;
            });
        }

        private Instant instant(String option, String text) {
            if (text == null) {
                return null;
            }
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(db.spec.commandLine(), option + " '" + text
                        + "' is not a date: use 2026-11-25 or 2026-11-25T10:00:00Z");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: summary, step durations, timeline.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Db db;
        @Parameters(paramLabel = "RUN", description = "The run id.")
        String runId;

        @Override
        public Integer call() {
            return db.with((store, out, err) -> {
                Optional<RunSummary> run = store.run(runId);
                if (run.isEmpty()) {
                    return noRun(runId, store, err);
                }
                RunSummary r = run.get();
                out.println("Run " + r.runId() + ": " + r.runbookId() + " rev " + r.revision() + " on " + r.inventory()
                        + " (" + r.environment() + "), " + r.outcome().label());
                out.println("Operators: " + String.join(" -> ", r.operators()) + "; started " + r.startedAt()
                        + ", ended " + (r.endedAt() == null ? "-" : r.endedAt()));
                out.println();
                for (StepDuration s : store.stepDurations(runId)) {
                    out.printf("  step %-24s %-8s took %-10s estimate %-10s median %s%n", s.stepId(), s.status(),
                            ms(s.actual()), ms(s.estimate()), ms(s.medianOfEarlier()));
                }
                out.println();
                for (AuditEvent e : store.timeline(runId)) {
                    out.printf("%8d %s %-10s %-12s %-20s %s%n", e.seq(), e.ts(), e.operator().name(),
                            e.targetHost() == null ? "" : e.targetHost(), EventText.what(e.event()), RunReport.describe(e));
                }
                store.recordings(runId).forEach(rec -> out.println("recording " + rec.id() + " " + rec.title()
                        + " on " + rec.targetHost() + " (belay audit cast " + rec.id() + " --out FILE.cast)"));
                return OK;
            });
        }

        private static String ms(java.time.Duration d) {
            return d == null ? "-" : d.toMillis() + "ms";
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export a run report.")
    static final class Export implements Callable<Integer> {
        @Mixin
        Db db;
        @Parameters(paramLabel = "RUN", description = "The run id.")
        String runId;
        @Option(names = "--format", required = true, description = "html, md or json.",
                converter = FormatConverter.class)
        ReportFormat format;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report.")
        Path out;

        @Override
        public Integer call() {
            return db.with((store, stdout, err) -> {
                Optional<RunReport> report = RunReport.load(store, runId);
                if (report.isEmpty()) {
                    return noRun(runId, store, err);
                }
                Files.writeString(out, format.render(report.get()), StandardCharsets.UTF_8);
                stdout.println("Wrote " + out);
                return OK;
            });
        }
    }

    /** Accepts html|md|json in any case and names the choices when given something else. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a format: use html, md or json");
            }
        }
    }

    @Command(name = "cast", mixinStandardHelpOptions = true,
            description = "Write a terminal recording as an asciicast v2 file (replay with 'asciinema play FILE').")
    static final class Cast implements Callable<Integer> {
        @Mixin
        Db db;
        @Parameters(paramLabel = "RECORDING", description = "The recording id (listed by 'audit export' and 'audit show').")
        String recordingId;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the .cast file.")
        Path out;

        @Override
        public Integer call() {
            return db.with((store, stdout, err) -> {
                Optional<String> cast = store.readRecording(recordingId);
                if (cast.isEmpty()) {
                    err.println("audit: no recording '" + recordingId + "' in " + store.location());
                    return FOUND_PROBLEM;
                }
                Files.writeString(out, cast.get(), StandardCharsets.UTF_8);
                stdout.println("Wrote " + out);
                return OK;
            });
        }
    }
}
