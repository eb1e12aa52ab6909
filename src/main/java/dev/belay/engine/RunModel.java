package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import dev.belay.runbook.Action;
import dev.belay.runbook.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's state as a fold of its events: the live engine and resume share this one reducer, so a
 * resumed run is exactly the run that was stored. {@link #apply} is the only way its state changes;
 * everything else reads. Not thread-safe: the run applies events under its journal's lock.
 */
final class RunModel {

    private static final int OUTPUT_KEEP = 64 * 1024;

    private final Plan plan;
    private String runId;
    private String operator = "";
    private RunMode mode = RunMode.LIVE;
    private boolean rehearsal;
    private boolean autoConfirm;
    private Instant startedAt;
    private Instant windowEnd;
    private Instant endedAt;
    private RunStatus status = RunStatus.NOT_STARTED;
    private Phase phase = Phase.PREFLIGHT;
    private boolean preflightOverridden;
    private boolean pointOfNoReturnPassed;
    private boolean rollbackStarted;
    private Awaiting awaiting;
    private final Map<String, StepModel> steps = new LinkedHashMap<>();
    private final Map<String, MonitorModel> monitors = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> captures = new LinkedHashMap<>();
    /** The last value captured for each name on any host: what a host without its own capture sees. */
    private final Map<String, String> latestCaptures = new LinkedHashMap<>();
    private final Set<String> openCommands = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final ApprovalLedger approvals = new ApprovalLedger();
    private final SecretMasker masker;

    RunModel(Plan plan) {
        this.plan = plan;
        this.masker = SecretMasker.of(plan.secretValues());
        plan.allSteps().forEach(s -> steps.put(s.id(), new StepModel(s, masker)));
        for (Monitor m : plan.monitors()) {
            monitors.put(m.id(), new MonitorModel(m.id(), MonitorRunner.target(m)));
        }
    }

    void apply(RunEvent event) {
        if (approvals.apply(event)) {
            return;
        }
        if (event instanceof RunEvent.RunStarted e) {
            started(e);
        } else if (event instanceof RunEvent.RunFinished e) {
            ended(e.at(), e.status());
        } else if (event instanceof RunEvent.RunAborted e) {
            ended(e.at(), RunStatus.ABORTED);
        } else if (event instanceof RunEvent.Handover e) {
            operator = e.to();
        } else if (event instanceof RunEvent.RunResumed e) {
            operator = e.operator();
            markInterrupted();
        } else if (event instanceof RunEvent.NoteAdded e) {
            notes.add(e.text());
        } else if (event instanceof RunEvent.WindowWarning e) {
            warnings.add(e.message());
        } else if (event instanceof RunEvent.RollbackStarted) {
            rollbackStarted = true;
            phase = Phase.ROLLBACK;
        } else if (event instanceof RunEvent.PreflightOverridden) {
            preflightOverridden = true;
        } else if (event instanceof RunEvent.MonitorChanged e) {
            monitors.computeIfAbsent(e.monitorId(), k -> new MonitorModel(k, "")).changed(e);
        } else if (event instanceof RunEvent.StepDispatched) {
            awaiting = null;
            status = RunStatus.RUNNING;
        } else if (event instanceof RunEvent.AwaitingOperator e) {
            awaiting = new Awaiting(e.stepId(), e.prompt(), e.options());
            if (!status.ended()) {
                status = RunStatus.WAITING_FOR_OPERATOR;
            }
        } else {
            applyStepEvent(event);
        }
    }

    private void applyStepEvent(RunEvent event) {
        if (event instanceof RunEvent.StepStarted e) {
            step(e.stepId()).started(e, this);
        } else if (event instanceof RunEvent.StepFinished e) {
            step(e.stepId()).finished(e);
        } else if (event instanceof RunEvent.StepSkipped e) {
            step(e.stepId()).end(StepStatus.SKIPPED, e.at(), e.reason());
        } else if (event instanceof RunEvent.StepConfirmed e) {
            StepModel s = step(e.stepId());
            s.note = e.note();
            s.confirmed = true;
            s.end(StepStatus.PASSED, e.at(), s.message);
        } else if (event instanceof RunEvent.CommandStarted e) {
            commandStarted(e);
        } else if (event instanceof RunEvent.CommandFinished e) {
            commandFinished(e);
        } else if (event instanceof RunEvent.ExpectationChecked e) {
            step(e.stepId()).host(e.host()).checked(e);
        } else if (event instanceof RunEvent.ValueCaptured e) {
            captures.computeIfAbsent(e.host(), k -> new LinkedHashMap<>()).put(e.name(), e.value());
            latestCaptures.put(e.name(), e.value());
            step(e.stepId()).host(e.host()).captures.put(e.name(), e.value());
        } else if (event instanceof RunEvent.HostFinished e) {
            HostModel h = step(e.stepId()).host(e.host());
            h.status = e.passed() ? HostStatus.PASSED : HostStatus.FAILED;
            h.message = e.message();
        } else if (event instanceof RunEvent.GateChecked e) {
            step(e.stepId()).message = e.message();
        } else if (event instanceof RunEvent.SnapshotTaken e) {
            step(e.stepId()).host(e.host()).snapshotDiff = e.diff();
        } else if (event instanceof RunEvent.OutcomeResolved e) {
            resolved(e);
        } else if (event instanceof RunEvent.CountdownStarted e) {
            step(e.stepId()).countdown = e.countdown();
        } else if (event instanceof RunEvent.TerminalRequested e) {
            StepModel s = step(e.stepId());
            s.terminalHost = e.host();
            s.terminalCommand = e.command();
        }
    }

    private void started(RunEvent.RunStarted e) {
        runId = e.runId();
        operator = e.operator();
        mode = e.mode();
        rehearsal = e.rehearsal();
        autoConfirm = e.autoConfirm();
        startedAt = e.at();
        windowEnd = e.windowEnd();
        status = RunStatus.RUNNING;
        phase = plan.preflight().isEmpty() ? Phase.MAIN : Phase.PREFLIGHT;
    }

    private void ended(Instant at, RunStatus s) {
        status = s;
        endedAt = at;
        awaiting = null;
        monitors.values().forEach(m -> m.close(at));
        if (s == RunStatus.ROLLED_BACK) {
            steps.values().stream().filter(st -> st.planned.phase() == Phase.MAIN && st.status == StepStatus.PASSED)
                    .forEach(st -> st.status = StepStatus.ROLLED_BACK);
        }
    }

    private void commandStarted(RunEvent.CommandStarted e) {
        openCommands.add(key(e.stepId(), e.host()));
        step(e.stepId()).countdown = null; // the pause is over
        if ("step".equals(e.purpose())) {
            HostModel h = step(e.stepId()).host(e.host());
            h.status = HostStatus.RUNNING;
            h.attempts = Math.max(h.attempts, e.attempt());
        }
    }

    private void commandFinished(RunEvent.CommandFinished e) {
        openCommands.remove(key(e.stepId(), e.host()));
        if ("step".equals(e.purpose())) {
            HostModel h = step(e.stepId()).host(e.host());
            h.outcome = e.outcome();
            h.exitCode = e.exitCode();
            String out = e.output() == null ? "" : e.output();
            h.output = out.length() <= OUTPUT_KEEP ? out : out.substring(out.length() - OUTPUT_KEEP);
        }
    }

    private void resolved(RunEvent.OutcomeResolved e) {
        openCommands.remove(key(e.stepId(), e.host()));
        HostModel h = step(e.stepId()).host(e.host());
        h.status = switch (e.resolution()) {
            case MARK_DONE -> HostStatus.PASSED;
            case MARK_FAILED -> HostStatus.FAILED;
            case RERUN -> HostStatus.PENDING;
        };
        h.message = e.resolution().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (e.note() == null || e.note().isBlank() ? "" : ": " + e.note());
    }

    /**
     * On resume (live, or replaying an earlier resume): steps caught mid-flight become OUTCOME_UNKNOWN,
     * and so does any host whose command started without a recorded finish. Nothing is re-run from
     * here on its own.
     */
    private void markInterrupted() {
        for (StepModel s : steps.values()) {
            if (s.status != StepStatus.RUNNING) {
                continue;
            }
            s.status = StepStatus.OUTCOME_UNKNOWN;
            s.message = "interrupted: the run stopped while this step was running";
            for (HostModel h : s.hosts.values()) {
                if (interrupted(s, h)) {
                    h.status = HostStatus.OUTCOME_UNKNOWN;
                    h.message = "outcome unknown: started, no finish recorded";
                }
            }
        }
        openCommands.clear();
    }

    private boolean interrupted(StepModel s, HostModel h) {
        return h.status == HostStatus.RUNNING || openCommands.contains(key(s.planned.id(), h.host));
    }

    /** "step@host" for every command whose outcome a resume starting now would call unknown. */
    List<String> unknownOnResume() {
        List<String> out = new ArrayList<>();
        for (StepModel s : steps.values()) {
            for (HostModel h : s.hosts.values()) {
                if (h.status == HostStatus.OUTCOME_UNKNOWN || s.status == StepStatus.RUNNING && interrupted(s, h)) {
                    out.add(key(s.planned.id(), h.host));
                }
            }
        }
        return out;
    }

    // ---- reads

    Plan plan() {
        return plan;
    }

    String runId() {
        return runId;
    }

    /** Who approved which point of no return. */
    ApprovalLedger approvals() {
        return approvals;
    }

    SecretMasker masker() {
        return masker;
    }

    String operator() {
        return operator;
    }

    RunMode mode() {
        return mode;
    }

    RunStatus status() {
        return status;
    }

    Awaiting awaiting() {
        return awaiting;
    }

    boolean preflightOverridden() {
        return preflightOverridden;
    }

    boolean pointOfNoReturnPassed() {
        return pointOfNoReturnPassed;
    }

    boolean rollbackStarted() {
        return rollbackStarted;
    }

    /** Every step in plan order (preflight, main, rollback). */
    Collection<StepModel> steps() {
        return Collections.unmodifiableCollection(steps.values());
    }

    /** The monitors whose state is known, up or down (a resumed run's monitors start from these). */
    Map<String, Boolean> knownMonitors() {
        Map<String, Boolean> known = new LinkedHashMap<>();
        monitors.values().stream().filter(x -> x.up != null).forEach(x -> known.put(x.id, x.up));
        return known;
    }

    /** What {@code host} sees of the captures: its own over the latest of any host. */
    Map<String, String> capturesOf(String host) {
        Map<String, String> out = new LinkedHashMap<>(latestCaptures);
        out.putAll(captures.getOrDefault(host, Map.of()));
        return out;
    }

    /** Every host's captures, copied. */
    Map<String, Map<String, String>> captures() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        captures.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return out;
    }

    StepModel step(String id) {
        StepModel s = steps.get(id);
        if (s == null) {
            throw new IllegalStateException("event names step '" + id + "', which is not in the plan; "
                    + "was the runbook changed since the run started?");
        }
        return s;
    }

    private static String key(String stepId, String host) {
        return stepId + "@" + host;
    }

    RunState snapshot() {
        return new RunState(runId, plan.runbook().id(), plan.runbook().title(), plan.inventory().environment(),
                operator, mode, rehearsal, autoConfirm, startedAt, windowEnd, endedAt, status, phase,
                steps.values().stream().map(StepModel::snapshot).toList(),
                monitors.values().stream().map(MonitorModel::snapshot).toList(), notes, warnings,
                preflightOverridden, pointOfNoReturnPassed, rollbackStarted, awaiting,
                plan.steps().stream().filter(p -> p.step().pointOfNoReturn())
                        .map(p -> NoReturn.state(this, p)).toList());
    }

    /** One step's state; only its run's {@link RunModel#apply} changes it. */
    static final class StepModel {
        private final PlannedStep planned;
        private final SecretMasker masker;
        private StepStatus status = StepStatus.PENDING;
        private final Map<String, HostModel> hosts = new LinkedHashMap<>();
        private Instant startedAt;
        private Instant finishedAt;
        private String message;
        private String note;
        private String terminalHost;
        private String terminalCommand;
        private boolean confirmed;
        private Countdown countdown;

        private StepModel(PlannedStep planned, SecretMasker masker) {
            this.planned = planned;
            this.masker = masker;
        }

        PlannedStep planned() {
            return planned;
        }

        StepStatus status() {
            return status;
        }

        /** When it last started; null while it never has. */
        Instant startedAt() {
            return startedAt;
        }

        String message() {
            return message;
        }

        String terminalHost() {
            return terminalHost;
        }

        /** The step's hosts in the order they were resolved. */
        Collection<HostModel> hosts() {
            return Collections.unmodifiableCollection(hosts.values());
        }

        /** {@code host}'s status in this step, or null when the step never ran there. */
        HostStatus hostStatus(String host) {
            HostModel h = hosts.get(host);
            return h == null ? null : h.status;
        }

        private void started(RunEvent.StepStarted e, RunModel run) {
            status = planned.action() instanceof Action.Manual || planned.action() instanceof Action.Terminal
                    ? StepStatus.AWAITING_CONFIRMATION : StepStatus.RUNNING;
            // a step's time runs from its first start (StepSpan's rule, as History measures it)
            startedAt = startedAt == null ? e.at() : startedAt;
            finishedAt = null;
            message = null;
            confirmed = false;
            for (String h : e.hosts()) {
                HostModel old = hosts.get(h);
                if (old == null || old.status != HostStatus.PASSED) {
                    hosts.put(h, new HostModel(h));
                }
            }
            run.phase = planned.phase();
            if (planned.step().pointOfNoReturn() && planned.phase() == Phase.MAIN) {
                run.pointOfNoReturnPassed = true;
            }
        }

        private void finished(RunEvent.StepFinished e) {
            if (!e.passed()) {
                hosts.values().stream().filter(h -> h.status == HostStatus.PENDING)
                        .forEach(h -> h.status = HostStatus.NOT_TOUCHED);
            }
            StepStatus to = !e.passed() ? StepStatus.FAILED
                    : planned.needsConfirmation() && !confirmed ? StepStatus.AWAITING_CONFIRMATION : StepStatus.PASSED;
            end(to, e.at(), confirmed ? message : e.message());
            if (to == StepStatus.AWAITING_CONFIRMATION) {
                finishedAt = null;
            }
        }

        private void end(StepStatus to, Instant at, String why) {
            countdown = null;
            status = to;
            finishedAt = at;
            message = why;
        }

        private HostModel host(String name) {
            return hosts.computeIfAbsent(name, HostModel::new);
        }

        private StepState snapshot() {
            return new StepState(planned.id(), masker.mask(planned.title()), masker.mask(planned.step().description()),
                    planned.estimate(), planned.phase(), planned.kind(), status,
                    hosts.values().stream().map(HostModel::snapshot).toList(), startedAt, finishedAt, message,
                    planned.step().pointOfNoReturn(), masker.mask(planned.confirmPrompt()), terminalHost, terminalCommand,
                    note, countdown);
        }
    }

    /** One host's result within a step. */
    static final class HostModel {
        private final String host;
        private HostStatus status = HostStatus.PENDING;
        private int attempts;
        private int checksAttempt;
        private String outcome;
        private Integer exitCode;
        private String output = "";
        private final List<CheckResult> checks = new ArrayList<>();
        private final Map<String, String> captures = new LinkedHashMap<>();
        private String snapshotDiff;
        private String message;

        private HostModel(String host) {
            this.host = host;
        }

        String host() {
            return host;
        }

        HostStatus status() {
            return status;
        }

        private void checked(RunEvent.ExpectationChecked e) {
            if (e.attempt() != checksAttempt) {
                checks.clear();
                checksAttempt = e.attempt();
            }
            checks.add(CheckResult.of(e.expectation(), e.passed(), e.expected(), e.seen()));
        }

        private HostResult snapshot() {
            return new HostResult(host, status, attempts, outcome, exitCode, output, checks, captures, snapshotDiff,
                    message);
        }
    }

    /** One monitor's transitions and downtime. */
    private static final class MonitorModel {
        private final String id;
        private final String target;
        private Boolean up;
        private Instant since;
        private Duration downtime = Duration.ZERO;
        private Instant downSince;
        private int downs;
        private String detail;

        private MonitorModel(String id, String target) {
            this.id = id;
            this.target = target;
        }

        private void changed(RunEvent.MonitorChanged e) {
            if (e.up() && downSince != null) {
                downtime = downtime.plus(Duration.between(downSince, e.at()));
                downSince = null;
            } else if (!e.up() && downSince == null) {
                downSince = e.at();
                downs++;
            }
            up = e.up();
            since = e.at();
            detail = e.detail();
        }

        private void close(Instant at) {
            if (downSince != null) {
                downtime = downtime.plus(Duration.between(downSince, at));
                downSince = null;
            }
        }

        private MonitorState snapshot() {
            return new MonitorState(id, target, up, since, downtime, downSince, downs, detail);
        }
    }
}
