package dev.belay.ssh.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the agent listens, as OpenSSH decides it: {@code IdentityAgent} from {@code ~/.ssh/config}
 * ({@code none} turns the agent off; {@code SSH_AUTH_SOCK} or {@code $VAR} / {@code ${VAR}} read the
 * environment; {@code ~} is the home directory), else the {@code SSH_AUTH_SOCK} environment variable.
 */
public final class AgentSocket {
    private AgentSocket() { }

    public static Optional<Path> locate(String identityAgent, Map<String, String> env, Path home) {
        if (identityAgent == null || identityAgent.isBlank()) {
            return fromEnv(env, "SSH_AUTH_SOCK");
        }
        String value = identityAgent.trim();
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (value.equals("SSH_AUTH_SOCK")) {
            return fromEnv(env, "SSH_AUTH_SOCK");
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return fromEnv(env, value.substring(2, value.length() - 1));
        }
        if (value.startsWith("$")) {
            return fromEnv(env, value.substring(1));
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Optional.of(home.resolve(value.equals("~") ? "" : value.substring(2)));
        }
        return Optional.of(Path.of(value));
    }

    private static Optional<Path> fromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
