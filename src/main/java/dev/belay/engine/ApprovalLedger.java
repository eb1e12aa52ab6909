package dev.belay.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who approved which point of no return, folded from a run's events. The live run keeps one in its
 * model; an approver elsewhere (History, {@code belay approve}) folds the stored events into another,
 * so both judge an approval by the same rules.
 */
public final class ApprovalLedger {

    private String runId;
    private String runbookId;
    private String environment = "";
    private String operator = "";
    private boolean ended;
    private final Map<String, RunEvent.ApprovalRequested> requests = new LinkedHashMap<>();
    private final Map<String, List<String>> approvers = new LinkedHashMap<>();
    private final Set<String> started = new HashSet<>();

    /** The ledger of stored events ({@link RunHistory#approvalEvents}). */
    public static ApprovalLedger of(List<RunEvent> events) {
        ApprovalLedger l = new ApprovalLedger();
        events.forEach(l::apply);
        return l;
    }

    /** Folds one event; true when it is an approval event (which nothing else in the run's state reads). */
    boolean apply(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            runId = e.runId();
            runbookId = e.runbookId();
            environment = e.environment();
            operator = e.operator();
        } else if (event instanceof RunEvent.Handover e) {
            operator = e.to();
        } else if (event instanceof RunEvent.RunResumed e) {
            operator = e.operator();
        } else if (event instanceof RunEvent.StepStarted e) {
            started.add(e.stepId());
        } else if (event instanceof RunEvent.StepSkipped e) {
            started.add(e.stepId());
        } else if (event instanceof RunEvent.RunFinished || event instanceof RunEvent.RunAborted) {
            ended = true;
        } else if (event instanceof RunEvent.ApprovalRequested e) {
            requests.putIfAbsent(e.stepId(), e);
            return true;
        } else if (event instanceof RunEvent.StepApproved e) {
            List<String> list = approvers.computeIfAbsent(e.stepId(), k -> new ArrayList<>());
            if (list.stream().noneMatch(a -> ApprovalState.same(a, e.approver()))) {
                list.add(e.approver());
            }
            return true;
        }
        return false;
    }

    boolean requested(String stepId) {
        return requests.containsKey(stepId);
    }

    List<String> approvers(String stepId) {
        return List.copyOf(approvers.getOrDefault(stepId, List.of()));
    }

    String operator() {
        return operator;
    }

    /** The approval a step waits for, while the run is live and the step has neither started nor been skipped. */
    public Optional<ApprovalState> pending(String stepId) {
        RunEvent.ApprovalRequested r = requests.get(stepId);
        if (r == null || ended || started.contains(stepId)) {
            return Optional.empty();
        }
        return Optional.of(state(r));
    }

    /** Every point of no return of this run that waits for approvals. */
    public List<ApprovalState> pending() {
        return requests.keySet().stream().map(this::pending).flatMap(Optional::stream)
                .filter(a -> !a.complete()).toList();
    }

    private ApprovalState state(RunEvent.ApprovalRequested r) {
        Instant at = r.at();
        return new ApprovalState(runId, runbookId, environment, operator, r.stepId(), r.title(), r.required(),
                approvers(r.stepId()), r.cannotUndo(), at);
    }
}
