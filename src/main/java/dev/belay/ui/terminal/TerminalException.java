package dev.belay.ui.terminal;

/** A terminal could not be opened or used; the message names the host and the cause. */
public final class TerminalException extends RuntimeException {

    public TerminalException(String message) {
        super(message);
    }

    public TerminalException(String message, Throwable cause) {
        super(message, cause);
    }
}
