package dev.belay.audit;

import java.time.Instant;

/**
 * Filters for {@link AuditStore#runs}; null means "any". {@code from}/{@code to} bound the start
 * time (to exclusive); {@code operator} matches a name or OS login of anyone who held the run;
 * {@code rehearsal} true keeps only rehearsals, false only real runs.
 */
public record RunQuery(String runbookId, String operator, String environment, RunOutcome outcome,
                       Instant from, Instant to, String textInOutput, int limit, Boolean rehearsal) {

    public static RunQuery all() {
        return new RunQuery(null, null, null, null, null, null, null, Integer.MAX_VALUE, null);
    }

    /** Only rehearsals ({@code true}), only real runs ({@code false}), or both ({@code null}). */
    public RunQuery rehearsal(Boolean only) {
        return new RunQuery(runbookId, operator, environment, outcome, from, to, textInOutput, limit, only);
    }

    public RunQuery runbook(String id) {
        return new RunQuery(id, operator, environment, outcome, from, to, textInOutput, limit, rehearsal);
    }

    public RunQuery operator(String name) {
        return new RunQuery(runbookId, name, environment, outcome, from, to, textInOutput, limit, rehearsal);
    }

    public RunQuery environment(String env) {
        return new RunQuery(runbookId, operator, env, outcome, from, to, textInOutput, limit, rehearsal);
    }

    public RunQuery outcome(RunOutcome o) {
        return new RunQuery(runbookId, operator, environment, o, from, to, textInOutput, limit, rehearsal);
    }

    public RunQuery between(Instant start, Instant end) {
        return new RunQuery(runbookId, operator, environment, outcome, start, end, textInOutput, limit, rehearsal);
    }

    public RunQuery outputContains(String text) {
        return new RunQuery(runbookId, operator, environment, outcome, from, to, text, limit, rehearsal);
    }

    public RunQuery limit(int max) {
        return new RunQuery(runbookId, operator, environment, outcome, from, to, textInOutput, max, rehearsal);
    }

    boolean matches(RunSummary r) {
        return (runbookId == null || runbookId.equals(r.runbookId()))
                && (environment == null || environment.equals(r.environment()))
                && (outcome == null || outcome == r.outcome())
                && (rehearsal == null || rehearsal == r.rehearsal())
                && (from == null || !r.startedAt().isBefore(from))
                && (to == null || r.startedAt().isBefore(to))
                && (operator == null || r.operators().contains(operator)
                    || operator.equals(r.startedBy().login()));
    }
}
