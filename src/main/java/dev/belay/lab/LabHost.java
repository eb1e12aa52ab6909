package dev.belay.lab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated host: its name (also its SSH user name) and its private root, the directory whose
 * {@code etc}, {@code var}, {@code root}, {@code home}, {@code tmp} and {@code opt} the host's sandbox
 * sees as {@code /etc}, {@code /var}, ... Everything else of the machine is read-only to the host.
 */
public record LabHost(String name, Path root) {

    /** The shell that commands run in; POSIX {@code sh} is always there. */
    static final String SHELL = "/bin/sh";
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
        env.put("SHELL", SHELL);
        env.put("PS1", name + "$ ");
        return env;
    }
}
