package dev.belay.ssh.auth;

import java.nio.file.Path;
import java.util.List;

/** A target with every gap filled: the exact host, port, user, keys and hops to use. */
public record ResolvedTarget(SshTarget spec, String host, int port, String user, List<Path> identities,
                      List<ResolvedTarget> jumps) {

    public String label() {
        return user + "@" + host + ":" + port;
    }
}
