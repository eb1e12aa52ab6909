package dev.belay.ssh.trust;

/** Observes every host-key decision (for the audit log). */
@FunctionalInterface
public interface HostKeyListener {
    void onDecision(HostKeyDecision decision);

    HostKeyListener NONE = decision -> { };
}
