package dev.belay.ssh.exec;

import net.schmizz.sshj.connection.channel.Channel;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Whether a channel may still be sent a request (a window change, a signal). sshj sends one whatever
 * the channel's state, and OpenSSH answers a request for a channel it has freed by dropping the whole
 * connection ({@code server_input_channel_req: unknown channel}): the host's pooled one, which every
 * other command and terminal to that host shares. A channel is past requests once it is closed or the
 * remote side has sent the exit status or signal that OpenSSH sends just before its CHANNEL_CLOSE.
 * What is left is the instant between the server's CHANNEL_CLOSE and sshj's answer to it, which only
 * sshj's own lock could cover.
 */
final class ChannelRequests {

    private ChannelRequests() {
    }

    static boolean open(Channel channel) {
        if (!channel.isOpen()) {
            return false;
        }
        return !(channel instanceof Session.Command c) || (c.getExitStatus() == null && c.getExitSignal() == null);
    }
}
