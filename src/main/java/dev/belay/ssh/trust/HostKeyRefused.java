package dev.belay.ssh.trust;

import dev.belay.ssh.SshException;

/** The host key was refused: changed, or unknown and rejected. */
public final class HostKeyRefused extends SshException {
    private final HostKeyDecision decision;

    public HostKeyRefused(String message, HostKeyDecision decision) {
        super(message);
        this.decision = decision;
    }

    public HostKeyDecision decision() {
        return decision;
    }
}
