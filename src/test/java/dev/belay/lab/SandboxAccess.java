package dev.belay.lab;

import java.io.IOException;
import java.util.List;

/** For the benchmark in lab.bench: the sandboxed command line of one lab host. */
public final class SandboxAccess {

    private SandboxAccess() {
    }

    public static List<String> command(PracticeLab lab, String host, String command) throws IOException {
        return lab.sandboxCommand(host, command);
    }
}
