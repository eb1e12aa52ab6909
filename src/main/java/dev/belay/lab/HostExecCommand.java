package dev.belay.lab;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An exec request on a simulated host: {@code bash -c COMMAND} (its login shell) in the host's sandbox, in its
 * home, with the host's environment, stdout and stderr kept apart and the shell's exit status returned.
 */
final class HostExecCommand extends ProcessCommand {

    private final String command;

    HostExecCommand(LabHost host, HostRuntime runtime, String command) {
        super(host, runtime);
        this.command = command;
    }

    @Override
    protected Process startProcess(ChannelSession channel, Environment env, List<StreamPump> outputs)
            throws IOException {
        List<String> argv = runtime.sandbox().command(host, Sandbox.Mode.EXEC, runtime.diskFull(host.name()),
                List.of(LabHost.LOGIN_SHELL, "-c", command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(host.root().toFile());
        pb.environment().clear();
        pb.environment().putAll(host.environment());
        pb.environment().put("BELAY_SESSION", "exec");
        Process p = pb.start();
        String name = "lab-exec-" + host.name();
        StreamPump.start(name + "-in", in, p.getOutputStream(), true);
        StreamPump stdout = StreamPump.start(name + "-out", p.getInputStream(), out, false);
        StreamPump stderr = StreamPump.start(name + "-err", p.getErrorStream(), err, false);
        outputs.add(stdout);
        outputs.add(stderr);
        return p;
    }
}
