package dev.belay.audit;

/** A failure of the audit store, with a message that names the database and what to do. */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditException(String message) {
        super(message);
    }
}
