package dev.belay.ui.run;

import dev.belay.engine.ApprovalState;
import dev.belay.engine.Option;
import dev.belay.engine.RunState;
import dev.belay.ui.approval.ApprovalDialog;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Run next at a point of no return: instead of sending RUN (which the engine refuses there), it asks
 * for an approval: the operator's first, then, in the same window, a second person's under their own name.
 */
final class NoReturnPrompt {

    /** Sends an approval to the engine. */
    interface Approver {
        void approve(String stepId, ApprovalDialog.Approval approval);
    }

    private NoReturnPrompt() {
    }

    /** The approval {@code stepId} waits for, when the engine offers APPROVE for it now. */
    static Optional<ApprovalState> waiting(RunState state, String stepId) {
        if (state == null || state.awaiting() == null || !stepId.equals(state.awaiting().stepId())
                || !state.awaiting().options().contains(Option.APPROVE)) {
            return Optional.empty();
        }
        return state.approval(stepId).filter(a -> !a.complete());
    }

    /** True when Run on {@code stepId} became an approval question (answered or cancelled). */
    static boolean handle(Window owner, RunState state, String stepId, Approver approver) {
        Optional<ApprovalState> a = waiting(state, stepId);
        if (a.isEmpty()) {
            return false;
        }
        ApprovalDialog.ask(owner, a.get(), ApprovalDialog.next(a.get())).ifPresent(x -> approver.approve(stepId, x));
        return true;
    }
}
