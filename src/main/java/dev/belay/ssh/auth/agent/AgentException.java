package dev.belay.ssh.auth.agent;

import java.io.IOException;

/** The agent could not be reached, or refused or garbled an answer. The message names the socket. */
public final class AgentException extends IOException {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
