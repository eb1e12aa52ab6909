package dev.belay.lab.play;

import java.util.List;

/**
 * One played command: the host it runs on, its argv (argv[0] is the command's base name), its
 * standard input (empty when none was given) and the cluster it plays against.
 */
public record Call(String host, List<String> argv, String stdin, Cluster cluster) {

    public Call {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a played command needs at least its name");
        }
        stdin = stdin == null ? "" : stdin;
    }

    public String command() {
        return argv.get(0);
    }

    /** The arguments after the command name. */
    public List<String> args() {
        return argv.subList(1, argv.size());
    }

    /** The same call as another command on the same host ({@code docker exec mariadb mysql ...}). */
    public Call as(List<String> otherArgv) {
        return new Call(host, otherArgv, stdin, cluster);
    }
}
