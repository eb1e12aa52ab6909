package dev.belay.ssh.auth;

import dev.belay.ssh.SshException;
import dev.belay.ssh.auth.agent.AgentClient;
import dev.belay.ssh.auth.agent.AgentException;
import dev.belay.ssh.auth.agent.AgentIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Logs in the way OpenSSH does: every key the agent holds, then every identity file (those the agent
 * already offered are not offered twice), then the password. One method at a time, so that when all
 * fail the error lists each one tried and why it failed.
 */
public final class Authenticator {
    private final PassphrasePrompt passphrasePrompt;

    public Authenticator(PassphrasePrompt passphrasePrompt) {
        this.passphrasePrompt = passphrasePrompt;
    }

    /**
     * Logs {@code client} in as the hop's user: agent keys (IdentityAgent, else SSH_AUTH_SOCK), identity
     * files, then the target's password prompt.
     */
    public void authenticate(SSHClient client, ResolvedTarget hop) throws SshException {
        login(client, new AuthPlan(hop.label(), hop.user(), hop.identities(), hop.spec().identityFile(),
                AgentSocket.locate(hop.identityAgent(), System.getenv(), Path.of(System.getProperty("user.home"))),
                hop.identitiesOnly(), passphrasePrompt, hop.spec().passwordPrompt(), hop.host()));
    }

    public static void login(SSHClient client, AuthPlan plan) throws SshException {
        new Login(client, plan).login();
    }

    /** One login attempt: the methods in order, and what each one's failure was. */
    private static final class Login {
        private final SSHClient client;
        private final AuthPlan plan;
        private final List<String> tried = new ArrayList<>();

        private Login(SSHClient client, AuthPlan plan) {
            this.client = client;
            this.plan = plan;
        }

        private void login() throws SshException {
            List<byte[]> fileKeys = new ArrayList<>();
            for (Path identity : plan.identities()) {
                fileKeys.add(KeyFiles.publicBlob(identity));
            }
            List<AgentIdentity> offered = new ArrayList<>();
            if (plan.agentSocket().isPresent()) {
                AgentClient agent = new AgentClient(plan.agentSocket().get());
                for (AgentIdentity key : agentKeys(agent, fileKeys)) {
                    AgentAuthMethod method = new AgentAuthMethod(agent, key);
                    if (attempt(method, "agent key " + key.describe(), method::failure)) {
                        return;
                    }
                    offered.add(key);
                }
            }
            for (int i = 0; i < plan.identities().size(); i++) {
                Path identity = plan.identities().get(i);
                byte[] blob = fileKeys.get(i);
                if (blob != null && offered.stream().anyMatch(k -> k.sameKey(blob))) {
                    tried.add("key " + identity + ": the same key as the agent's, already refused");
                    continue;
                }
                KeyFiles.Loaded loaded = plan.passphrase().decrypted().load(identity, () -> KeyFiles.load(client,
                        identity, identity.equals(plan.requiredIdentity()), plan.passphrase()));
                if (loaded.key() == null) {
                    tried.add("key " + identity + ": " + loaded.skipped());
                    continue;
                }
                KeyProvider key = loaded.key();
                if (attempt(new AuthPublickey(key), "key " + identity, () -> null)) {
                    return;
                }
            }
            if (plan.password() != null) {
                AuthPassword password = new AuthPassword(KeyFiles.passwordFinder(
                        () -> plan.password().password(plan.user(), plan.host())));
                if (attempt(password, "password", () -> null)) {
                    return;
                }
            }
            if (tried.isEmpty()) {
                throw new AuthFailed("No way to log in to " + plan.label() + ": no ssh-agent, no readable"
                        + " identity file " + plan.identities() + " and no password prompt. Start ssh-agent and"
                        + " ssh-add your key, or give the target an identity file or a password.");
            }
            throw new AuthFailed("Authentication failed for " + plan.label() + ". Tried:\n  - "
                    + String.join("\n  - ", tried) + "\nCheck the user name, and that one of these keys is in the"
                    + " host's authorized_keys.");
        }

        private List<AgentIdentity> agentKeys(AgentClient agent, List<byte[]> fileKeys) {
            List<AgentIdentity> keys;
            try {
                keys = agent.identities();
            } catch (AgentException e) {
                tried.add("ssh-agent: " + e.getMessage());
                return List.of();
            }
            if (plan.identitiesOnly()) {
                // IdentitiesOnly: an agent key counts only if it is one of the configured identity files.
                keys = keys.stream().filter(k -> fileKeys.stream().anyMatch(f -> f != null && k.sameKey(f))).toList();
            }
            if (keys.isEmpty()) {
                tried.add("ssh-agent at " + agent.socket() + ": no keys"
                        + (plan.identitiesOnly() ? " matching the identity files (IdentitiesOnly)" : " (ssh-add adds one)"));
            }
            return keys;
        }

        /** True if logged in; else the reason goes to {@code tried}. */
        private boolean attempt(AuthMethod method, String what, java.util.function.Supplier<String> ownFailure)
                throws SshException {
            try {
                client.auth(plan.user(), method);
                return true;
            } catch (UserAuthException e) {
                String own = ownFailure.get();
                tried.add(what + ": " + (own != null ? own : refusal()));
                return false;
            } catch (IOException e) {
                tried.add(what + ": the connection dropped (" + e.getMessage() + ")");
                throw new SshException("Connection to " + plan.label() + " dropped during login (after too many"
                        + " attempts? sshd's MaxAuthTries is 6 by default; set IdentitiesOnly yes and the right"
                        + " IdentityFile for this host). Tried:\n  - " + String.join("\n  - ", tried), e);
            }
        }

        private String refusal() {
            var allowed = client.getUserAuth().getAllowedMethods();
            String methods = allowed == null || allowed.isEmpty() ? "" : String.join(",", allowed);
            return "refused by the server" + (methods.isEmpty() ? "" : " (it accepts: " + methods + ")");
        }
    }
}
