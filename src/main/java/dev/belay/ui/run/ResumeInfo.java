package dev.belay.ui.run;

import java.time.Instant;
import java.util.List;

/** An interrupted run as the resume offer shows it, with the secret vars that must be given again. */
public record ResumeInfo(String runId, String runbookId, String title, String environment, String operator,
                         Instant startedAt, List<String> secretVars, String problem) {

    public ResumeInfo {
        secretVars = List.copyOf(secretVars);
    }

    /** False when the run cannot resume as is ({@code problem} says why). */
    public boolean resumable() {
        return problem == null;
    }
}
