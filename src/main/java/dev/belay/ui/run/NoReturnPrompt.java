package dev.belay.ui.run;

import dev.belay.engine.ApprovalState;
import dev.belay.engine.Option;
import dev.belay.engine.RunState;
import java.util.Optional;

/**
 * Run at a point of no return: the engine refuses RUN until the approvals are in, so the presenter
 * asks for the next approval instead (the operator's first, then a second person's under their own name).
 */
final class NoReturnPrompt {

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
}
