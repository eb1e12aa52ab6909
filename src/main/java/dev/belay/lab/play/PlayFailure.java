package dev.belay.lab.play;

/**
 * A played command fails as the real tool would: an exit status and the message it prints on
 * standard error. Thrown inside plays; {@link Cluster} turns it into a {@link PlayResult}.
 */
public final class PlayFailure extends Exception {

    private final int exitCode;

    public PlayFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public PlayResult result() {
        String msg = getMessage();
        return PlayResult.fail(exitCode, msg.endsWith("\n") ? msg : msg + "\n");
    }
}
