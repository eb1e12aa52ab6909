package dev.belay.ui.run;

import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.WindowStatus;
import java.util.List;

/**
 * Everything the run window shows at one moment, worked out by {@link RunPresenter} without JavaFX:
 * the run, the step in view and what can be done on it, the status word, a countdown (or null) and,
 * once the run has ended, its summary (else null).
 */
record RunScreen(RunState state, WindowStatus window, StepState shown, List<StepChoices.Choice> choices,
                 String status, String countdown, RunEnd end) {

    RunScreen {
        choices = List.copyOf(choices);
    }
}
