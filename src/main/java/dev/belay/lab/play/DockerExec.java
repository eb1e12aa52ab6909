package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code docker exec} into a running container, and {@code docker logs}. */
final class DockerExec {
    /** Commands a container of these Kolla services has; other services' containers run any played command. */
    private static final Map<String, Set<String>> COMMANDS_IN = Map.of(
            "mariadb", Set.of("mysql", "mariadb", "mysqldump", "mysql_upgrade", "mysqld", "mysqladmin"),
            "rabbitmq", Set.of("rabbitmqctl"));

    private final DockerPlay docker;

    DockerExec(DockerPlay docker) {
        this.docker = docker;
    }


    PlayResult exec(Call call, List<String> args) throws PlayFailure, InterruptedException {
        String host = call.host();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                break;
            }
            if (Set.of("-u", "--user", "-e", "--env", "-w", "--workdir").contains(a)) {
                i++;
            } else if (!a.matches("-[dit]+") && !Set.of("--interactive", "--tty", "--privileged", "--detach")
                    .contains(a) && !a.contains("=")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker exec --help'.");
            }
        }
        if (args.size() - i < 2) {
            throw new PlayFailure(1, "\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.");
        }
        String name = args.get(i);
        List<String> cmd = args.subList(i + 1, args.size());
        Optional<Services.Unit> u = docker.unitOf(host, name);
        if (u.isEmpty()) {
            throw new PlayFailure(1, "Error: No such container: " + name);
        }
        DockerContainer k = docker.containerOf(host, u.get().name());
        if (!u.get().running()) {
            throw new PlayFailure(1, "Error response from daemon: Container " + k.id + " is not running");
        }
        String exe = cmd.get(0).substring(cmd.get(0).lastIndexOf('/') + 1);
        if (exe.equals("cat")) {
            return cat(host, k, cmd.subList(1, cmd.size()));
        }
        String service = Kolla.serviceOf(k.imageRef);
        if ((exe.equals("sh") || exe.equals("bash")) && cmd.size() == 3 && cmd.get(1).equals("-c")) {
            return shellIn(call, cmd.get(2));
        }
        if (exe.equals("test") && cmd.size() == 3 && cmd.get(1).equals("-S")) {
            // The only socket the lab plays is HAProxy's admin socket, inside the haproxy container.
            boolean socket = "haproxy".equals(service) && cmd.get(2).equals(SocatPlay.SOCKET);
            return socket ? PlayResult.ok("") : PlayResult.fail(1, "");
        }
        Set<String> inside = COMMANDS_IN.get(service);
        boolean present = inside == null ? docker.cluster().commands().contains(exe) : inside.contains(exe);
        if (!present || !docker.cluster().commands().contains(exe)) {
            throw new PlayFailure(126, "rpc error: code = 2 desc = oci runtime error: exec failed: "
                    + "container_linux.go:262: starting container process caused \"exec: \\\"" + cmd.get(0)
                    + "\\\": executable file not found in $PATH\"\n");
        }
        List<String> argv = new ArrayList<>(cmd);
        argv.set(0, exe);
        if (exe.equals("nova-manage") || exe.equals("nova-status")) {
            // Nova's tools in a Kolla container are the image's release, whatever the host has installed.
            return docker.cluster().play(NovaPlay.class).inContainer(call.as(argv), DockerPlay.tagOf(k.imageRef));
        }
        return docker.cluster().dispatch(call.as(argv));
    }

    /** {@code echo 'REQUEST' | COMMAND ARGS...}: the one shell form the runbooks send into a container. */
    private static final java.util.regex.Pattern ECHO_PIPE =
            java.util.regex.Pattern.compile("\\s*echo\\s+(?:'([^']*)'|\"([^\"]*)\"|(\\S+))\\s*\\|\\s*([^|;&`$]+?)\\s*");

    /**
     * {@code docker exec C sh -c SCRIPT}: the lab plays the container's shell for a request piped
     * into a played command (HAProxy's admin socket: {@code echo 'show stat' | socat stdio SOCK}).
     * Anything else is refused by name rather than run on the host, outside the container.
     */
    private PlayResult shellIn(Call call, String script) throws PlayFailure, InterruptedException {
        java.util.regex.Matcher m = ECHO_PIPE.matcher(script);
        if (!m.matches()) {
            throw new PlayFailure(126, "lab: the lab plays `sh -c` in a container only as "
                    + "`echo REQUEST | COMMAND ARGS`; not: " + script + "\n");
        }
        String request = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        List<String> argv = new ArrayList<>();
        for (String w : m.group(4).trim().split("\\s+")) {
            argv.add(w.replaceAll("^['\"]|['\"]$", ""));
        }
        if (!docker.cluster().commands().contains(argv.get(0))) {
            throw new PlayFailure(127, "sh: " + argv.get(0) + ": command not found\n");
        }
        return docker.cluster().dispatch(new Call(call.host(), argv, request + "\n", call.cluster()));
    }

    /** {@code cat} inside a container: its volumes map container paths onto host files. */
    private PlayResult cat(String host, DockerContainer k, List<String> paths) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String p : paths) {
            Optional<String> content = docker.cluster().files().read(host, hostPath(k, p));
            if (content.isPresent()) {
                out.append(content.get());
            } else {
                err.append("cat: ").append(p).append(": No such file or directory\n");
            }
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** The host path behind {@code path} inside container {@code k} (through its volumes). */
    static String hostPath(DockerContainer k, String path) {
        for (String v : k.volumes) {
            String[] p = v.split(":");
            if (p.length < 2) {
                continue;
            }
            String dst = p[1].endsWith("/") ? p[1].substring(0, p[1].length() - 1) : p[1];
            if (path.equals(dst) || path.startsWith(dst + "/")) {
                String src = p[0].startsWith("/") ? p[0] : "/var/lib/docker/volumes/" + p[0] + "/_data";
                src = src.endsWith("/") ? src.substring(0, src.length() - 1) : src;
                return src + path.substring(dst.length());
            }
        }
        return "/var/lib/docker/overlay2/" + k.id + "/merged" + path;
    }

    PlayResult logs(String host, List<String> args) throws PlayFailure {
        Integer tail = null;
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--tail")) {
                String v = DockerPlay.value(args, ++i, a);
                tail = v.equals("all") ? null : Integer.valueOf(v);
            } else if (a.startsWith("--tail=")) {
                String v = a.substring(7);
                tail = v.equals("all") ? null : Integer.valueOf(v);
            } else if (a.equals("--since") || a.equals("--until")) {
                i++;
            } else if (!a.startsWith("-")) {
                name = a;
            }
        }
        if (name == null) {
            throw new PlayFailure(1, "\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.");
        }
        Optional<Services.Unit> u = docker.unitOf(host, name);
        if (u.isEmpty()) {
            throw new PlayFailure(1, "Error: No such container: " + name);
        }
        List<String> lines;
        synchronized (docker) {
            lines = new ArrayList<>(docker.containerOf(host, u.get().name()).logs);
        }
        if (tail != null && tail < lines.size()) {
            lines = lines.subList(lines.size() - tail, lines.size());
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        // Kolla services log to stderr; docker logs passes each stream through as it was written.
        return new PlayResult("", out.toString(), 0);
    }

}
