package dev.belay.lab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One simulated host: its name (also its SSH user name) and its home directory. */
public record LabHost(String name, Path home) {

    /** The shell that commands and interactive sessions run in; POSIX {@code sh} is always there. */
    static final String SHELL = "/bin/sh";

    /**
     * The environment a command on this host sees. Built from scratch rather than inherited so
     * that the operator's own variables never leak into a simulated host. {@code labBin} comes first
     * on the PATH: it holds the lab's stand-ins for commands that would reveal the real machine.
     */
    Map<String, String> environment(Path labBin) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", labBin + ":" + System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        String lang = System.getenv("LANG");
        if (lang != null) {
            env.put("LANG", lang);
        }
        env.put("HOME", home.toString());
        env.put("USER", name);
        env.put("LOGNAME", name);
        env.put("HOSTNAME", name);
        env.put("BELAY_HOST", name);
        env.put("SHELL", SHELL);
        env.put("PS1", name + "$ ");
        return env;
    }
}
