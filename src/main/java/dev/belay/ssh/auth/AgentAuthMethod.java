package dev.belay.ssh.auth;

import dev.belay.ssh.auth.agent.AgentClient;
import dev.belay.ssh.auth.agent.AgentException;
import dev.belay.ssh.auth.agent.AgentIdentity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj's "publickey" method (RFC 4252 §7) with the signature made by the ssh-agent: the key is first
 * offered unsigned; only if the server accepts it (SSH_MSG_USERAUTH_PK_OK) does the agent sign, so a
 * security key is touched only for a key the server will take.
 * RSA keys sign with rsa-sha2-512, then rsa-sha2-256 (the agent's SHA-2 flags); never with SHA-1
 * {@code ssh-rsa}, which OpenSSH 8.8+ servers refuse. Other types, security keys ({@code sk-*}) and
 * certificates included, are signed as what they are.
 */
final class AgentAuthMethod extends AbstractAuthMethod {
    private record Algorithm(String name, int flags) { }

    private final AgentClient agent;
    private final AgentIdentity key;
    private final Deque<Algorithm> algorithms;
    private Algorithm current;
    private String failure;

    AgentAuthMethod(AgentClient agent, AgentIdentity key) {
        super("publickey");
        this.agent = agent;
        this.key = key;
        this.algorithms = new ArrayDeque<>(algorithms(key.keyType()));
    }

    private static List<Algorithm> algorithms(String keyType) {
        return switch (keyType) {
            case "ssh-rsa" -> List.of(new Algorithm("rsa-sha2-512", AgentClient.SSH_AGENT_RSA_SHA2_512),
                    new Algorithm("rsa-sha2-256", AgentClient.SSH_AGENT_RSA_SHA2_256));
            case "ssh-rsa-cert-v01@openssh.com" -> List.of(
                    new Algorithm("rsa-sha2-512-cert-v01@openssh.com", AgentClient.SSH_AGENT_RSA_SHA2_512),
                    new Algorithm("rsa-sha2-256-cert-v01@openssh.com", AgentClient.SSH_AGENT_RSA_SHA2_256));
            default -> List.of(new Algorithm(keyType, 0));
        };
    }

    AgentIdentity key() {
        return key;
    }

    /** Why this key did not log in, when the agent (not the server) was the reason; else null. */
    String failure() {
        return failure;
    }

    @Override
    public void request() throws UserAuthException, TransportException {
        current = algorithms.poll();
        super.request();
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(current.name()).putString(key.publicKeyBlob());
    }

    /** Another SHA-2 variant is left to offer (the server refused the one before). */
    @Override
    public boolean shouldRetry() {
        return !algorithms.isEmpty();
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket signedRequest = request(true);
        // RFC 4252 §7: the signature covers the session id, then the request itself from its message byte on.
        byte[] toSign = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID())
                .putBuffer(signedRequest).getCompactData();
        byte[] signature;
        try {
            signature = agent.sign(key, toSign, current.flags());
        } catch (AgentException e) {
            failure = e.getMessage();
            throw new UserAuthException(e.getMessage(), e);
        }
        String signedWith = algorithmOf(signature);
        if (!signedWith.equals(current.name())) {
            failure = "the agent signed with " + signedWith + " where " + current.name()
                    + " was asked for (an agent too old for SHA-2 RSA signatures?)";
            throw new UserAuthException(failure);
        }
        params.getTransport().write(signedRequest.putString(signature));
    }

    private static String algorithmOf(byte[] signature) {
        try {
            return new Buffer.PlainBuffer(signature).readString();
        } catch (Buffer.BufferException e) {
            return "a malformed signature";
        }
    }
}
