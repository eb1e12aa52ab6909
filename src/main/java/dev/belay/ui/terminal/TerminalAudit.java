package dev.belay.ui.terminal;

import dev.belay.audit.AuditStore;
import dev.belay.audit.Operator;
import java.util.Objects;

/** Where terminal sessions are recorded: the audit store, the run they belong to and who typed. */
public record TerminalAudit(AuditStore store, String runId, Operator operator) {

    public TerminalAudit {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(operator, "operator");
    }
}
