package dev.belay.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated host: its name (also its SSH user name) and its private root, the directory whose
 * {@code etc}, {@code var}, {@code root}, {@code home}, {@code tmp} and {@code opt} the host's sandbox
 * sees as {@code /etc}, {@code /var}, ... Everything else of the machine is read-only to the host.
 */
public record LabHost(String name, Path root) {

    /** The POSIX shell the lab's own init script (and a shell where there is no bash) runs in. */
    static final String SHELL = "/bin/sh";
    /**
     * The login shell exec requests run in, as sshd runs {@code $SHELL -c COMMAND}: bash, root's shell on
     * the CentOS hosts the runbooks are written for (whose {@code /bin/sh} is bash too), so a command with
     * {@code set -o pipefail} or {@code [[ ]]} does on the lab what it does there; it failed under Debian's
     * dash. The POSIX shell only where the machine has no bash.
     */
    static final String LOGIN_SHELL = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : SHELL;
    /** The home inside the sandbox: lab hosts are logged into as root, as the runbooks expect. */
    static final String HOME = "/root";
    /** The sandbox's PATH: the played commands' shims first. */
    static final String PATH = Sandbox.SHIM_DIR + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Where the host's {@code /root} (its home) lies on the trainer's machine. */
    public Path home() {
        return root.resolve("root");
    }

    /** Where the host's {@code dir} ({@code etc}, {@code var}, ...) lies on the trainer's machine. */
    public Path dir(String dir) {
        return root.resolve(dir);
    }

    /**
     * The environment a command on this host sees. Built from scratch rather than inherited so
     * that the operator's own variables never leak into a simulated host.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        String lang = System.getenv("LANG");
        if (lang != null) {
            env.put("LANG", lang);
        }
        env.put("HOME", HOME);
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("HOSTNAME", name);
        env.put("BELAY_HOST", name);
        env.put("SHELL", LOGIN_SHELL);
        env.put("PS1", name + "$ ");
        return env;
    }
}
