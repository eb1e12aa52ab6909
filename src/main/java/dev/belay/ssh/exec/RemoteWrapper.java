package dev.belay.ssh.exec;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The POSIX shell text Belay sends instead of a bare command, so that a cancel or timeout can stop
 * the whole remote process group even where sshd refuses the "signal" request (OpenSSH as root).
 *
 * <p>The wrapper prints {@code <token><pid>\n} to stderr (the token has a random nonce; the client
 * strips that line, see {@link PidMarkerStream}) and then {@code eval}s the command in the same login
 * shell, so the shell, exit status, stdout and stderr stay the command's own. OpenSSH already makes
 * that shell a session and process-group leader; where a server does not (Apache MINA, which runs
 * {@code /bin/sh -c} from its JVM), the wrapper first re-executes itself under {@code setsid}, so a
 * group kill never reaches the server's own processes.
 */
final class RemoteWrapper {
    private static final String TOKEN_PREFIX = "@belay-pid-";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Seconds between SIGTERM and SIGKILL when stopping a process group. */
    static final int TERM_GRACE_SECONDS = 5;

    private final String command;
    private final String nonce;

    private RemoteWrapper(String command, String nonce) {
        this.command = command;
        this.nonce = nonce;
    }

    static RemoteWrapper around(String command) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return new RemoteWrapper(command, HexFormat.of().formatHex(bytes));
    }

    /** The marker the stderr filter looks for, immediately followed by the pid digits and a newline. */
    byte[] token() {
        return (TOKEN_PREFIX + nonce + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /** What the remote login shell runs. Needs a POSIX-family login shell (sh, bash, dash, zsh, ksh). */
    String remoteCommand() {
        // The token is printed from two pieces, so a shell tracing its input (set -x in a profile)
        // never writes it whole to stderr ahead of the real marker.
        String inner = "printf '%s%s %s\\n' " + TOKEN_PREFIX + " " + nonce + " \"$$\" >&2; eval " + quote(command);
        // kill -0 -PID succeeds only if a process group PID exists, i.e. if this shell leads one.
        return "if kill -0 -$$ 2>/dev/null || ! command -v setsid >/dev/null 2>&1; then " + inner
                + "; else exec setsid /bin/sh -c " + quote(inner) + "; fi";
    }

    /**
     * Stops the group led by {@code pid} (the process alone if it leads none): TERM, up to
     * {@link #TERM_GRACE_SECONDS} for it to go, then KILL. Exits 0 once nothing of it is left.
     * Zombies count as gone: where init does not reap orphans (some containers) they stay for ever.
     */
    static String stopScript(long pid) {
        return "p=" + pid + "; c=pid; g=$p; if kill -0 -$p 2>/dev/null; then c=pgid; g=-$p; fi; "
                + "if ps -A -o pid= -o stat= >/dev/null 2>&1; then "
                + "alive() { ps -A -o $c= -o stat= | grep -q \"^ *$p  *[^Z ]\"; }; "
                + "else alive() { kill -0 $g 2>/dev/null; }; fi; "
                + "kill -TERM $g 2>/dev/null; " + waitGone(TERM_GRACE_SECONDS * 5)
                + "alive && kill -KILL $g 2>/dev/null; " + waitGone(10) + "! alive";
    }

    /** Polls every 0.2 s (1 s where sleep takes no fractions) until nothing is alive, at most {@code polls} times. */
    private static String waitGone(int polls) {
        return "n=0; while alive && [ $n -lt " + polls + " ]; do sleep 0.2 2>/dev/null || sleep 1; n=$((n+1)); done; ";
    }

    /** One shell word: single quotes, each embedded quote written as '\''. Newlines pass through. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
