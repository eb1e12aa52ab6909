package dev.belay.lab;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An interactive shell on a simulated host, inside the host's sandbox, on a real pseudo-terminal
 * (pty4j) so that Enter runs a line, output ends lines with CRLF, programs see a tty and window
 * changes reach them.
 */
final class PtyShellCommand extends ProcessCommand {

    private static final String DEFAULT_TERM = "xterm-256color";
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;

    PtyShellCommand(LabHost host, HostRuntime runtime) {
        super(host, runtime);
    }

    @Override
    protected Process startProcess(ChannelSession channel, Environment env, List<StreamPump> outputs)
            throws IOException {
        Map<String, String> vars = host.environment();
        vars.put("TERM", env.getEnv().getOrDefault(Environment.ENV_TERM, DEFAULT_TERM));
        vars.put("BELAY_SESSION", "shell");
        List<String> argv = runtime.sandbox().command(host, Sandbox.Mode.SHELL, runtime.diskFull(host.name()),
                shellCommand());
        PtyProcess pty = new PtyProcessBuilder(argv.toArray(String[]::new))
                .setEnvironment(vars)
                .setDirectory(host.root().toString())
                .setInitialColumns(size(env, Environment.ENV_COLUMNS, DEFAULT_COLUMNS))
                .setInitialRows(size(env, Environment.ENV_LINES, DEFAULT_ROWS))
                .start();
        // MINA updates COLUMNS/LINES in the environment before it raises WINCH.
        env.addSignalListener((ch, signal) -> pty.setWinSize(new WinSize(
                size(env, Environment.ENV_COLUMNS, DEFAULT_COLUMNS),
                size(env, Environment.ENV_LINES, DEFAULT_ROWS))), Signal.WINCH);
        String name = "lab-shell-" + host.name();
        // The terminal stays open when the channel's input ends: closing it would hang up the shell
        // before destroy() can kill the whole tree, leaving nohup'd jobs behind.
        StreamPump.start(name + "-in", in, pty.getOutputStream(), false);
        StreamPump output = StreamPump.start(name + "-out", pty.getInputStream(), out, false);
        outputs.add(output);
        return pty;
    }

    /**
     * Bash when present (line editing), started without rc files so that the system bashrc does not
     * replace the lab's prompt; otherwise the POSIX shell.
     */
    private static List<String> shellCommand() {
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            return List.of("/bin/bash", "--noprofile", "--norc", "-i");
        }
        return List.of(LabHost.SHELL, "-i");
    }

    private static int size(Environment env, String key, int fallback) {
        try {
            int v = Integer.parseInt(env.getEnv().getOrDefault(key, ""));
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
