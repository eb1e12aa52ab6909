package dev.belay.ssh.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to reach one host. Unset parts ({@code port 0}, {@code null} user or identity,
 * empty jump chain) are filled from {@code ~/.ssh/config}, then from OpenSSH's defaults.
 */
public record SshTarget(
        String name,
        String address,
        int port,
        String user,
        Path identityFile,
        List<SshTarget> jumps,
        PasswordPrompt passwordPrompt) {

    public SshTarget {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("SSH target '" + name + "' has an empty address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SSH target '" + name + "' has port " + port + ", outside 1..65535");
        }
        name = name == null || name.isBlank() ? address : name;
        jumps = jumps == null ? List.of() : List.copyOf(jumps);
    }

    /** A target known only by its address (or an alias from {@code ~/.ssh/config}). */
    public static SshTarget of(String address) {
        return new SshTarget(address, address, 0, null, null, List.of(), null);
    }

    public SshTarget withName(String newName) {
        return new SshTarget(newName, address, port, user, identityFile, jumps, passwordPrompt);
    }

    public SshTarget withPort(int newPort) {
        return new SshTarget(name, address, newPort, user, identityFile, jumps, passwordPrompt);
    }

    public SshTarget withUser(String newUser) {
        return new SshTarget(name, address, port, newUser, identityFile, jumps, passwordPrompt);
    }

    public SshTarget withIdentity(Path newIdentity) {
        return new SshTarget(name, address, port, user, newIdentity, jumps, passwordPrompt);
    }

    public SshTarget withPassword(PasswordPrompt prompt) {
        return new SshTarget(name, address, port, user, identityFile, jumps, prompt);
    }

    /** This target reached through {@code chain}, first element connected first. */
    public SshTarget via(SshTarget... chain) {
        return new SshTarget(name, address, port, user, identityFile, List.of(chain), passwordPrompt);
    }

    /**
     * The identity of a connection: two targets with the same key share one pooled connection.
     * The password prompt is deliberately left out (it is a callback, not an identity).
     */
    public String key() {
        List<String> hops = new ArrayList<>();
        jumps.forEach(j -> hops.add(j.key()));
        return name + "=" + (user == null ? "" : user + "@") + address + ":" + port
                + (identityFile == null ? "" : "#" + identityFile)
                + (hops.isEmpty() ? "" : " via " + hops);
    }

    @Override
    public String toString() {
        return name.equals(address) ? address : name + " (" + address + ")";
    }
}
