package dev.belay.runbook;

import java.time.Duration;
import java.util.List;

/** What a step does: exactly one of these. */
public sealed interface Action {

    /**
     * A shell command executed over SSH exec on each selected host. An empty {@code expect} means
     * "exit 0". {@code timeout} is null for the default (10m).
     */
    record Run(Selector on, String command, Duration timeout, List<Expectation> expect) implements Action {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

        public Run {
            expect = List.copyOf(expect);
        }

        public Duration effectiveTimeout() {
            return timeout == null ? DEFAULT_TIMEOUT : timeout;
        }
    }

    /** A command typed into one host's live terminal; the operator reads the screen and confirms. */
    record Terminal(Selector host, String command) implements Action {
    }

    /** A manual step: the operator ticks {@code prompt}, optionally with a note. */
    record Manual(String prompt) implements Action {
    }

    /** A pause shown as a countdown. */
    record Wait(Duration duration) implements Action {
    }

    /** The steps of another runbook, in place. */
    record Include(String runbookId) implements Action {
    }
}
