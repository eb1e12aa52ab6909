package dev.belay.ui.run;

import dev.belay.audit.AuditStore;
import dev.belay.engine.Plan;
import dev.belay.engine.RunController;
import dev.belay.engine.RunMode;
import dev.belay.engine.SshTransport;
import dev.belay.ssh.exec.SshSettings;

/**
 * A run the desktop drives: the engine's controller, the plan it runs, the SSH transport it owns,
 * and what its live terminals need (the SSH settings, the audit log, null for a dry run; who types).
 * {@link #close()} stops the engine's threads and connections; the run stays resumable.
 */
public record RunSession(RunController controller, Plan plan, RunMode mode, SshTransport transport, SshSettings ssh,
                         AuditStore audit, String operator) implements AutoCloseable {

    @Override
    public void close() {
        controller.close();
        transport.close();
    }
}
