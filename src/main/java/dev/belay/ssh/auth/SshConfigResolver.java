package dev.belay.ssh.auth;

import dev.belay.ssh.SshException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * Fills a target's gaps from {@code ~/.ssh/config} (parsed by Apache MINA's {@link HostConfigEntry},
 * which already knows OpenSSH's Host patterns). Precedence: the target spec, then the first matching
 * value in the config file (OpenSSH's "first value wins"), then OpenSSH's defaults.
 */
public final class SshConfigResolver {
    private static final int MAX_HOPS = 8;

    private final List<HostConfigEntry> entries;
    private final List<Path> defaultIdentities;

    public SshConfigResolver(Path configFile, List<Path> defaultIdentities) throws SshException {
        this.defaultIdentities = defaultIdentities;
        try {
            this.entries = configFile != null && Files.isRegularFile(configFile)
                    ? HostConfigEntry.readHostConfigEntries(configFile) : List.of();
        } catch (IOException | RuntimeException e) {
            throw new SshException("Cannot read the SSH config " + configFile + ": " + e.getMessage()
                    + ". Fix the file or point Belay at another one.", e);
        }
    }

    public ResolvedTarget resolve(SshTarget target) throws SshException {
        return resolve(target, 0);
    }

    private ResolvedTarget resolve(SshTarget target, int depth) throws SshException {
        if (depth > MAX_HOPS) {
            throw new SshException("Jump chain to " + target + " is longer than " + MAX_HOPS
                    + " hops; check ProxyJump in " + "your SSH config for a loop.");
        }
        List<HostConfigEntry> matches = HostConfigEntry.findMatchingEntries(target.address(), entries);
        String host = target.address();
        int port = target.port();
        String user = target.user();
        String proxyJump = null;
        String identityAgent = null;
        boolean identitiesOnly = false;
        boolean identitiesOnlySet = false;
        List<String> configIdentities = new ArrayList<>();
        boolean hostNameSet = false;
        for (HostConfigEntry e : matches) {
            if (!hostNameSet && e.getHostName() != null) {
                host = e.getHostName();
                hostNameSet = true;
            }
            port = port == 0 && e.getPort() > 0 ? e.getPort() : port;
            user = user == null && e.getUsername() != null ? e.getUsername() : user;
            proxyJump = proxyJump == null ? e.getProxyJump() : proxyJump;
            identityAgent = identityAgent == null ? e.getProperty(HostConfigEntry.IDENTITY_AGENT) : identityAgent;
            if (!identitiesOnlySet && e.getProperty(HostConfigEntry.EXCLUSIVE_IDENTITIES_CONFIG_PROP) != null) {
                identitiesOnly = e.isIdentitiesOnly();
                identitiesOnlySet = true;
            }
            if (e.getIdentities() != null) {
                configIdentities.addAll(e.getIdentities());
            }
        }
        port = port == 0 ? 22 : port;
        user = user == null ? System.getProperty("user.name") : user;
        List<Path> identities = identities(target, configIdentities, host, port, user);
        List<ResolvedTarget> jumps = new ArrayList<>();
        List<SshTarget> chain = !target.jumps().isEmpty() ? target.jumps() : parseProxyJump(proxyJump);
        for (SshTarget hop : chain) {
            jumps.add(resolve(hop, depth + 1));
        }
        return new ResolvedTarget(target, host, port, user, identities, jumps, identityAgent, identitiesOnly);
    }

    private List<Path> identities(SshTarget target, List<String> fromConfig, String host, int port, String user)
            throws SshException {
        if (target.identityFile() != null) {
            return List.of(target.identityFile());
        }
        List<Path> result = new ArrayList<>();
        for (String id : fromConfig) {
            try {
                result.add(Path.of(HostConfigEntry.resolveIdentityFilePath(id, host, port, user)));
            } catch (IOException | RuntimeException e) {
                throw new SshException("Cannot resolve IdentityFile '" + id + "' for " + host + ": " + e.getMessage());
            }
        }
        return result.isEmpty() ? defaultIdentities : result;
    }

    /** {@code ProxyJump [user@]host[:port][,...]}, or {@code none}. */
    static List<SshTarget> parseProxyJump(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<SshTarget> hops = new ArrayList<>();
        for (String hop : value.split(",")) {
            String spec = hop.trim().replaceFirst("^ssh://", "");
            String user = null;
            int at = spec.lastIndexOf('@');
            if (at >= 0) {
                user = spec.substring(0, at);
                spec = spec.substring(at + 1);
            }
            int port = 0;
            int colon = spec.lastIndexOf(':');
            if (colon > 0 && spec.indexOf(':') == colon) {
                port = Integer.parseInt(spec.substring(colon + 1));
                spec = spec.substring(0, colon);
            }
            hops.add(SshTarget.of(spec).withUser(user).withPort(port));
        }
        return hops;
    }
}
