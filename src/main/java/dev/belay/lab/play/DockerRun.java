package dev.belay.lab.play;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code docker run}: a service container, or a one-shot (a Kolla bootstrap, an entrypoint) run in the foreground. */
final class DockerRun {
    private static final Set<String> RUN_VALUE_OPTIONS = Set.of(
            "--name", "--net", "--network", "--restart", "-v", "--volume", "-e", "--env", "-p", "--publish",
            "-u", "--user", "-w", "--workdir", "--pid", "--ipc", "--entrypoint", "--hostname", "-h",
            "--log-driver", "--log-opt", "--label", "-l", "--cap-add", "--cap-drop", "--ulimit", "--memory", "-m",
            "--cpus", "--env-file", "--add-host", "--dns", "--tmpfs", "--mount", "--device", "--security-opt",
            "--health-cmd", "--stop-timeout", "--uts", "--volumes-from");

    private final DockerPlay docker;

    DockerRun(DockerPlay docker) {
        this.docker = docker;
    }


    PlayResult run(Call call, List<String> args) throws PlayFailure, InterruptedException {
        String host = call.host();
        boolean detach = false;
        boolean autoRemove = false;
        String name = null;
        String restart = "no";
        String network = "default";
        List<String> env = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        String entrypoint = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                break;
            }
            String opt = a;
            String val = null;
            if (a.startsWith("--") && a.contains("=")) {
                opt = a.substring(0, a.indexOf('='));
                val = a.substring(a.indexOf('=') + 1);
            }
            if (RUN_VALUE_OPTIONS.contains(opt)) {
                if (val == null) {
                    val = DockerPlay.value(args, ++i, opt);
                }
                switch (opt) {
                    case "--name" -> name = val;
                    case "--restart" -> restart = val;
                    case "--net", "--network" -> network = val;
                    case "-e", "--env" -> env.add(val);
                    case "-v", "--volume" -> volumes.add(val);
                    case "--entrypoint" -> entrypoint = val;
                    case "--volumes-from" -> volumes.addAll(volumesOf(host, val));
                    default -> {
                    }
                }
            } else if (opt.equals("--rm")) {
                autoRemove = true;
            } else if (opt.equals("-d") || opt.equals("--detach")) {
                detach = true;
            } else if (opt.matches("-[dit]+")) {
                detach |= opt.contains("d");
            } else if (!Set.of("-i", "-t", "--interactive", "--tty", "--privileged", "--init", "--read-only")
                    .contains(opt)) {
                throw new PlayFailure(125, "unknown flag: " + opt + "\nSee 'docker run --help'.");
            }
        }
        if (i >= args.size()) {
            throw new PlayFailure(125, "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.");
        }
        String ref = DockerPlay.withTag(args.get(i));
        List<String> cmd = new ArrayList<>(args.subList(i + 1, args.size()));
        if (entrypoint != null && !entrypoint.isEmpty()) {
            // As docker does: the entrypoint is the program, the words after the image its arguments.
            cmd.add(0, entrypoint.substring(entrypoint.lastIndexOf('/') + 1));
        }
        cmd = List.copyOf(cmd);
        if (name == null) {
            name = "lab_" + DockerPlay.idOf(ref + docker.cluster().clock().now()).substring(0, 8);
        }
        Optional<Services.Unit> taken = docker.cluster().services().get(host, name);
        if (taken.isPresent()) {
            DockerContainer k = docker.containerOf(host, name);
            throw new PlayFailure(125, "docker: Error response from daemon: Conflict. The container name \"/" + name
                    + "\" is already in use by container \"" + (k == null ? DockerPlay.idOf(host + name) : k.id)
                    + "\". You have to remove (or rename) that container to be able to reuse that name.\n"
                    + "See 'docker run --help'.");
        }
        StringBuilder err = new StringBuilder();
        if (!docker.hasImage(host, ref)) {
            err.append("Unable to find image '").append(ref).append("' locally\n");
            try {
                err.append(docker.pullOutput(host, ref));
            } catch (PlayFailure notServed) {
                throw new PlayFailure(125, err + "docker: " + notServed.getMessage() + ".\nSee 'docker run --help'.");
            }
        }
        Instant now = docker.cluster().clock().now();
        String service = Kolla.serviceOf(ref);
        DockerContainer k;
        synchronized (docker) {
            k = docker.newContainer(host, name, ref, now);
            k.restart = restart;
            k.network = network;
            k.env = docker.kollaEnv(env);
            k.volumes = List.copyOf(volumes);
            if (!cmd.isEmpty()) {
                k.path = cmd;
            }
        }
        docker.cluster().services().define(host, name, DockerPlay.repoOf(ref), DockerPlay.tagOf(ref), now);
        boolean bootstrap = env.stream().anyMatch(e -> e.equals("KOLLA_BOOTSTRAP") || e.startsWith("KOLLA_BOOTSTRAP="));
        if (bootstrap || !cmd.isEmpty()) {
            // A one-shot container: it runs its job in the foreground and exits.
            PlayResult job = bootstrap
                    ? KollaDbSync.run(docker.cluster(), host, service, DockerPlay.tagOf(ref))
                    : OneShotScript.matches(cmd) ? OneShotScript.run(call, docker.cluster(), ref, cmd.get(2))
                    : docker.cluster().dispatch(call.as(cmd));
            synchronized (docker) {
                k.everStarted = true;
                k.startedAt = now;
                k.finishedAt = docker.cluster().clock().now();
                k.exitCode = job.exitCode();
                k.logs.addAll(List.of((job.stdout() + job.stderr()).split("\n")));
            }
            if (autoRemove) {
                docker.remove(host, name);
            }
            if (detach) {
                return new PlayResult(k.id + "\n", err.toString(), 0);
            }
            return new PlayResult(job.stdout(), err + job.stderr(), job.exitCode());
        }
        List<String> startArgs = new ArrayList<>();
        env.stream().filter(e -> e.startsWith("BOOTSTRAP_ARGS="))
                .forEach(e -> startArgs.addAll(List.of(e.substring("BOOTSTRAP_ARGS=".length()).trim().split("\\s+"))));
        docker.startContainer(host, name, startArgs, now);
        return new PlayResult(detach ? k.id + "\n" : "", err.toString(), 0);
    }

    /** {@code --volumes-from C}: every volume of container C (docker takes them with their modes). */
    private List<String> volumesOf(String host, String name) throws PlayFailure {
        Optional<Services.Unit> u = docker.unitOf(host, name);
        if (u.isEmpty()) {
            throw new PlayFailure(125, "docker: Error response from daemon: No such container: " + name
                    + ".\nSee 'docker run --help'.");
        }
        synchronized (docker) {
            return List.copyOf(docker.containerOf(host, u.get().name()).volumes);
        }
    }
}
