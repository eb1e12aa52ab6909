package dev.belay.engine;

import dev.belay.text.Elapsed;
import java.time.Instant;

/**
 * A run's state as text, printed by the CLI at the end: each step's status and duration, each
 * monitor's downtime, warnings and notes. (The audit's reports read the log itself.)
 */
public final class RunStateReport {

    private RunStateReport() {
    }

    public static String render(RunState s, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(s.runId()).append(": ").append(s.title()).append(" on ").append(s.environment())
                .append(s.rehearsal() ? " (rehearsal)" : "").append(s.mode() == RunMode.DRY_RUN ? " (dry run)" : "")
                .append(" - ").append(s.status()).append('\n');
        b.append("operator ").append(s.operator()).append('\n');
        for (StepState st : s.steps()) {
            if (st.status() == StepStatus.PENDING && st.phase() == Phase.ROLLBACK) {
                continue;
            }
            b.append(String.format("  %-9s %-16s %-24s %s%n", st.phase().name().toLowerCase(java.util.Locale.ROOT),
                    st.status(), st.id(), Elapsed.of(st.duration(now))));
        }
        if (!s.monitors().isEmpty()) {
            b.append("monitors (downtime):\n");
            for (MonitorState m : s.monitors()) {
                b.append(String.format("  %-16s %s in %d outage(s)%n", m.id(), Elapsed.of(m.downtime(now)), m.downs()));
            }
        }
        s.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        s.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
        return b.toString();
    }
}
