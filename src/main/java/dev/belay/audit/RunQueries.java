package dev.belay.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Run-level views derived from the events (events are the truth, there is no runs table):
 * only the few run-level event types are read, through the index on (type, seq).
 */
final class RunQueries {

    private static final List<EventType> RUN_LEVEL = List.of(EventType.RUN_STARTED, EventType.RUN_FINISHED,
            EventType.RUN_ABORTED, EventType.OPERATOR_HANDOVER);
    private static final List<EventType> STEP_LEVEL = List.of(EventType.STEP_STARTED, EventType.STEP_FINISHED,
            EventType.STEP_SKIPPED);
    private static final int EARLIER_RUNS_FOR_MEDIAN = 50;

    private final Connection c;
    private final OutputStore outputs;

    RunQueries(Connection c, OutputStore outputs) {
        this.c = c;
        this.outputs = outputs;
    }

    List<RunSummary> runs(RunQuery q) throws SQLException {
        List<RunSummary> all = summarise(select(RUN_LEVEL, null));
        List<RunSummary> matching = new ArrayList<>(all.stream().filter(q::matches).toList());
        if (q.textInOutput() != null && !q.textInOutput().isEmpty()) {
            Set<String> hits = outputs.runsWithText(c, matching.stream().map(RunSummary::runId).toList(),
                    q.textInOutput());
            matching.removeIf(r -> !hits.contains(r.runId()));
        }
        matching.sort(Comparator.comparing(RunSummary::startedAt).reversed());
        return matching.subList(0, Math.min(matching.size(), Math.max(0, q.limit())));
    }

    Optional<RunSummary> run(String runId) throws SQLException {
        return summarise(select(RUN_LEVEL, List.of(runId))).stream().findFirst();
    }

    List<StepDuration> stepDurations(String runId) throws SQLException {
        Optional<RunSummary> run = run(runId);
        if (run.isEmpty()) {
            return List.of();
        }
        List<String> earlier = runs(RunQuery.all().runbook(run.get().runbookId())).stream()
                .filter(r -> r.startedAt().isBefore(run.get().startedAt()))
                .limit(EARLIER_RUNS_FOR_MEDIAN).map(RunSummary::runId).toList();
        List<AuditEvent> earlierSteps = earlier.isEmpty() ? List.of() : select(STEP_LEVEL, earlier);
        return StepTimes.compare(select(STEP_LEVEL, List.of(runId)), earlierSteps);
    }

    /** Events of the given types, optionally only of some runs, in sequence order. */
    private List<AuditEvent> select(List<EventType> types, List<String> runIds) throws SQLException {
        String typeMarks = String.join(",", types.stream().map(t -> "?").toList());
        String sql = "SELECT " + EventRows.COLUMNS + " FROM events WHERE type IN (" + typeMarks + ")";
        if (runIds != null) {
            sql += " AND run_id IN (" + String.join(",", runIds.stream().map(r -> "?").toList()) + ")";
        }
        try (PreparedStatement ps = c.prepareStatement(sql + " ORDER BY seq")) {
            int i = 1;
            for (EventType t : types) {
                ps.setString(i++, t.name());
            }
            for (String r : runIds == null ? List.<String>of() : runIds) {
                ps.setString(i++, r);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return EventRows.readAll(rs);
            }
        }
    }

    private static List<RunSummary> summarise(List<AuditEvent> events) {
        Map<String, RunBuilder> runs = new LinkedHashMap<>();
        for (AuditEvent e : events) {
            if (e.type() == EventType.RUN_STARTED) {
                runs.put(e.runId(), new RunBuilder(e));
            } else if (runs.containsKey(e.runId())) {
                runs.get(e.runId()).apply(e);
            }
        }
        return runs.values().stream().map(RunBuilder::build).toList();
    }

    /** Folds a run's run-level events into its summary. */
    private static final class RunBuilder {
        private final AuditEvent start;
        private final LoggedEvent.RunStarted started;
        private final List<String> operators = new ArrayList<>();
        private AuditEvent end;
        private RunOutcome outcome = RunOutcome.UNFINISHED;

        RunBuilder(AuditEvent start) {
            this.start = start;
            this.started = start.event() instanceof LoggedEvent.RunStarted s ? s
                    : new LoggedEvent.RunStarted(start.ts(), start.runId(), "", "", "", "", "", "", "", "", null,
                            false, false, Map.of());
            operators.add(start.operator().name());
        }

        void apply(AuditEvent e) {
            LoggedEvent event = e.event();
            if (event instanceof LoggedEvent.Handover h) {
                operators.add(h.to() == null || h.to().isEmpty() ? e.operator().name() : h.to());
            } else if (event instanceof LoggedEvent.RunFinished f) {
                end = e;
                outcome = f.outcome();
            } else if (event instanceof LoggedEvent.RunAborted) {
                end = e;
                outcome = RunOutcome.ABORTED;
            }
        }

        RunSummary build() {
            return new RunSummary(start.runId(), text(started.runbookId()), text(started.revision()),
                    text(started.inventoryPath()), text(started.environment()), start.operator(),
                    List.copyOf(operators), start.ts(), end == null ? null : end.ts(), outcome, started.rehearsal());
        }

        private static String text(String s) {
            return s == null ? "" : s;
        }
    }
}
