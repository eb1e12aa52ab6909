package dev.belay.ssh.exec;

import dev.belay.ssh.SshException;
import dev.belay.ssh.auth.ResolvedTarget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.SSHClient;

/**
 * Authenticated connections to jump hosts, one per jump path, shared by every target behind them:
 * a hundred hosts behind one bastion log in to it once, their direct-tcpip channels multiplexed over
 * that connection. Each prefix of a path is shared too ({@code bastion} for {@code bastion -> inner}).
 * A dropped jump connection is replaced when a target next needs it.
 */
final class JumpHosts implements AutoCloseable {
    /** Opens one hop, directly ({@code via} null) or through the jump connection {@code via}. */
    @FunctionalInterface
    interface HopOpener {
        SSHClient open(ResolvedTarget hop, SSHClient via) throws SshException;
    }

    private static final String HOP_SEPARATOR = " -> ";

    private final Map<String, SSHClient> live = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The live connection to the last hop of {@code path} (connected in order), opening what is missing. */
    SSHClient through(List<ResolvedTarget> path, HopOpener opener) throws SshException {
        String key = key(path);
        // Per-path lock: targets behind one bastion wait for its single login; other bastions proceed.
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (closed) {
                throw new SshException("SSH connections are closing; not opening jump host " + last(path).label());
            }
            SSHClient current = live.get(key);
            if (current != null && current.isConnected() && current.isAuthenticated()) {
                return current;
            }
            if (current != null) {
                disconnectQuietly(current);
            }
            SSHClient via = path.size() == 1 ? null : through(path.subList(0, path.size() - 1), opener);
            SSHClient fresh = opener.open(last(path), via);
            live.put(key, fresh);
            if (closed) { // close() ran during the login: it cannot have seen this one
                live.remove(key);
                disconnectQuietly(fresh);
                throw new SshException("SSH connections are closing; not opening jump host " + last(path).label());
            }
            return fresh;
        }
    }

    private static ResolvedTarget last(List<ResolvedTarget> path) {
        return path.get(path.size() - 1);
    }

    /** A path is the same login only with the same users, addresses, ports and keys at every hop. */
    private static String key(List<ResolvedTarget> path) {
        List<String> hops = new ArrayList<>();
        path.forEach(h -> hops.add(h.label() + h.identities()));
        return String.join(HOP_SEPARATOR, hops);
    }

    @Override
    public void close() {
        closed = true;
        // Longest paths first: a jump is closed only after the hops tunnelled through it.
        List<String> keys = new ArrayList<>(live.keySet());
        keys.sort(Comparator.comparingInt(JumpHosts::hops).reversed());
        keys.forEach(k -> {
            SSHClient c = live.remove(k);
            if (c != null) {
                disconnectQuietly(c);
            }
        });
    }

    private static int hops(String key) {
        return key.split(HOP_SEPARATOR, -1).length;
    }

    private static void disconnectQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // A dead transport may fail to close; its socket is released either way.
        }
    }
}
