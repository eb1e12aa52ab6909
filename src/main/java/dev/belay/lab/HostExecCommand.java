package dev.belay.lab;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An exec request on a simulated host: {@code /bin/sh -c COMMAND} in the host's home with the
 * host's environment, stdout and stderr kept apart and the shell's exit status returned.
 */
final class HostExecCommand extends ProcessCommand {

    private final String command;

    HostExecCommand(LabHost host, Path labBin, String command) {
        super(host, labBin);
        this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(LabHost.SHELL, "-c", command)
                .directory(host.home().toFile());
        pb.environment().clear();
        pb.environment().putAll(host.environment(labBin));
        Process p = pb.start();
        String name = "lab-exec-" + host.name();
        StreamPump.start(name + "-in", in, p.getOutputStream(), true);
        StreamPump stdout = StreamPump.start(name + "-out", p.getInputStream(), out, false);
        StreamPump stderr = StreamPump.start(name + "-err", p.getErrorStream(), err, false);
        watch(p, name, stdout, stderr);
    }
}
