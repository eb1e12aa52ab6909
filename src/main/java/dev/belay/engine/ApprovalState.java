package dev.belay.engine;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A point of no return and who has approved it so far. The step starts once {@code required}
 * different people have approved, the run's operator among them (nobody starts it behind their back).
 *
 * @param approvers   who approved, in order
 * @param cannotUndo  what the approvers accept, one plain line each (secrets masked)
 * @param requestedAt when the engine first asked, or null while it has not reached the step
 */
public record ApprovalState(String runId, String runbookId, String environment, String operator, String stepId,
                            String title, int required, List<String> approvers, List<String> cannotUndo,
                            Instant requestedAt) {

    public ApprovalState {
        approvers = List.copyOf(approvers);
        cannotUndo = List.copyOf(cannotUndo);
    }

    public boolean operatorApproved() {
        return approvers.stream().anyMatch(a -> same(a, operator));
    }

    public boolean complete() {
        return approvers.size() >= required && operatorApproved();
    }

    /** How many more people must approve (the operator counted once). */
    public int missing() {
        return Math.max(required - approvers.size(), operatorApproved() ? 0 : 1);
    }

    /** Who the step waits for, in words: "the operator alice", "1 more person", "the operator alice and 1 more person". */
    public String waitingFor() {
        int others = Math.max(0, required - approvers.size() - (operatorApproved() ? 0 : 1));
        String more = others == 0 ? "" : others + " more " + (others == 1 ? "person" : "people");
        if (operatorApproved()) {
            return more.isEmpty() ? "nobody" : more;
        }
        return "the operator " + operator + (more.isEmpty() ? "" : " and " + more);
    }

    /**
     * Throws when {@code approver} may not approve now: a name is required, each person approves once,
     * the typed text must be the environment's name, and the others' approvals stop at {@code required - 1}
     * (the last one is the operator's).
     */
    public void check(String approver, String typedEnvironment) {
        if (approver == null || approver.isBlank()) {
            throw new IllegalArgumentException("the approver's name is required");
        }
        if (typedEnvironment == null || !typedEnvironment.strip().equalsIgnoreCase(environment)) {
            throw new IllegalArgumentException("to approve '" + title + "', type the environment's name exactly: "
                    + environment + (typedEnvironment == null || typedEnvironment.isBlank() ? ""
                    : " (typed: '" + typedEnvironment.strip() + "')"));
        }
        String who = approver.strip();
        if (approvers.stream().anyMatch(a -> same(a, who))) {
            throw new IllegalStateException(who + " has already approved '" + title + "'; "
                    + (required > 1 ? "the next approval must come from someone else" : "it needs no more"));
        }
        boolean isOperator = same(who, operator);
        long others = approvers.stream().filter(a -> !same(a, operator)).count();
        if (!isOperator && others >= required - 1) {
            throw new IllegalStateException("'" + title + "' needs " + required + (required == 1
                    ? " approval, the operator's (" + operator + ")"
                    : " approvals: the operator " + operator + " and " + (required - 1) + " other(s), who have approved ("
                    + String.join(", ", approvers) + ")") + "; the operator approves in the run window");
        }
    }

    static boolean same(String a, String b) {
        return a != null && b != null && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }
}
