package dev.belay.ssh.auth.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * A client of OpenSSH's agent protocol (draft-miller-ssh-agent) over its Unix-domain socket, with
 * only the two requests a login needs: list the keys, and sign with one of them. Every request opens
 * its own connection (the agent serves many clients; nothing is held between requests) and is bounded
 * in time: a security key waiting for a touch must not hang a run forever.
 */
public final class AgentClient {
    static final byte SSH_AGENT_FAILURE = 5;
    static final byte SSH2_AGENTC_REQUEST_IDENTITIES = 11;
    static final byte SSH2_AGENT_IDENTITIES_ANSWER = 12;
    static final byte SSH2_AGENTC_SIGN_REQUEST = 13;
    static final byte SSH2_AGENT_SIGN_RESPONSE = 14;
    static final byte SSH_AGENT_EXTENSION_FAILURE = 28;

    /** Sign-request flags: an RSA key signs with SHA-2 instead of SHA-1 ({@code ssh-rsa}). */
    public static final int SSH_AGENT_RSA_SHA2_256 = 2;
    public static final int SSH_AGENT_RSA_SHA2_512 = 4;

    /** OpenSSH's own limit on one agent message (AGENT_MAX_LEN). */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;
    private final Duration listTimeout;
    private final Duration signTimeout;

    public AgentClient(Path socket) {
        // Signing may wait for a hardware key's touch; listing never should.
        this(socket, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public AgentClient(Path socket, Duration listTimeout, Duration signTimeout) {
        this.socket = socket;
        this.listTimeout = listTimeout;
        this.signTimeout = signTimeout;
    }

    public Path socket() {
        return socket;
    }

    public List<AgentIdentity> identities() throws AgentException {
        Buffer.PlainBuffer answer = call(new byte[] {SSH2_AGENTC_REQUEST_IDENTITIES}, listTimeout,
                SSH2_AGENT_IDENTITIES_ANSWER, "list its keys");
        try {
            long count = answer.readUInt32();
            if (count > 4096) {
                throw new AgentException("The agent at " + socket + " claims " + count + " keys; refusing the answer.");
            }
            List<AgentIdentity> keys = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                byte[] blob = answer.readBytes();
                String comment = answer.readString();
                keys.add(new AgentIdentity(blob, comment));
            }
            return keys;
        } catch (Buffer.BufferException e) {
            throw new AgentException("The agent at " + socket + " sent a malformed key list: " + e.getMessage(), e);
        }
    }

    /**
     * Asks the agent to sign {@code data} with {@code key}; returns the SSH signature blob
     * ({@code string algorithm, string signature}) exactly as the agent made it.
     */
    public byte[] sign(AgentIdentity key, byte[] data, int flags) throws AgentException {
        byte[] request = new Buffer.PlainBuffer().putByte(SSH2_AGENTC_SIGN_REQUEST)
                .putString(key.publicKeyBlob()).putString(data).putUInt32(flags).getCompactData();
        Buffer.PlainBuffer answer = call(request, signTimeout, SSH2_AGENT_SIGN_RESPONSE,
                "sign with " + key.describe());
        try {
            return answer.readBytes();
        } catch (Buffer.BufferException e) {
            throw new AgentException("The agent at " + socket + " sent a malformed signature: " + e.getMessage(), e);
        }
    }

    private Buffer.PlainBuffer call(byte[] request, Duration timeout, byte expected, String what)
            throws AgentException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new AgentException("Cannot reach the ssh-agent at " + socket + " (" + e.getMessage()
                        + "). Start one (eval $(ssh-agent); ssh-add) or fix SSH_AUTH_SOCK / IdentityAgent.", e);
            }
            channel.configureBlocking(false);
            ByteBuffer out = ByteBuffer.allocate(4 + request.length).putInt(request.length).put(request).flip();
            while (out.hasRemaining()) {
                await(channel, selector, SelectionKey.OP_WRITE, deadline, what);
                channel.write(out);
            }
            ByteBuffer length = ByteBuffer.allocate(4);
            readFully(channel, selector, length, deadline, what);
            int size = length.flip().getInt();
            if (size <= 0 || size > MAX_MESSAGE) {
                throw new AgentException("The agent at " + socket + " answered with a message of " + size
                        + " bytes; is that socket really an ssh-agent?");
            }
            ByteBuffer body = ByteBuffer.allocate(size);
            readFully(channel, selector, body, deadline, what);
            Buffer.PlainBuffer answer = new Buffer.PlainBuffer(body.array());
            byte type = answer.readByte();
            if (type == expected) {
                return answer;
            }
            if (type == SSH_AGENT_FAILURE || type == SSH_AGENT_EXTENSION_FAILURE) {
                throw new AgentException("The ssh-agent at " + socket + " refused to " + what
                        + " (a locked agent, a key confirm denied, or an unsupported key/flag).");
            }
            throw new AgentException("The ssh-agent at " + socket + " answered message type " + type
                    + " where " + expected + " was expected.");
        } catch (AgentException e) {
            throw e;
        } catch (IOException e) {
            throw new AgentException("Talking to the ssh-agent at " + socket + " failed while asking it to "
                    + what + ": " + e.getMessage(), e);
        }
    }

    private void readFully(SocketChannel channel, Selector selector, ByteBuffer into, long deadline, String what)
            throws IOException {
        while (into.hasRemaining()) {
            await(channel, selector, SelectionKey.OP_READ, deadline, what);
            if (channel.read(into) < 0) {
                throw new AgentException("The ssh-agent at " + socket + " closed the connection while asked to "
                        + what + ".");
            }
        }
    }

    private void await(SocketChannel channel, Selector selector, int op, long deadline, String what)
            throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            key = channel.register(selector, op);
        } else {
            key.interestOps(op);
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AgentException("The ssh-agent at " + socket + " did not answer within the time allowed to "
                        + what + " (a security key waiting for a touch, or a hung agent).");
            }
            selector.selectedKeys().clear();
            if (selector.select(Math.max(1, left / 1_000_000)) > 0) {
                return;
            }
        }
    }
}
