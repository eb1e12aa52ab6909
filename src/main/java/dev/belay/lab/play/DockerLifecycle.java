package dev.belay.lab.play;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code docker stop|start|restart|rm|rename}. */
final class DockerLifecycle {

    private final DockerPlay docker;

    DockerLifecycle(DockerPlay docker) {
        this.docker = docker;
    }


    PlayResult run(String host, List<String> args, String verb) throws PlayFailure {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-t") || a.equals("--time")) {
                i++;
            } else if (a.startsWith("--time=") || a.equals("-a") || a.equals("-i") || a.equals("--attach")
                    || a.equals("--interactive")) {
                // attach flags do not change what a detached lab container does
            } else if (a.startsWith("-")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker " + verb + " --help'.");
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw new PlayFailure(1, "\"docker " + verb + "\" requires at least 1 argument.\nSee 'docker "
                    + verb + " --help'.");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : names) {
            Optional<Services.Unit> u = docker.unitOf(host, name);
            if (u.isEmpty()) {
                err.append(verb.equals("start") ? "Error response from daemon: No such container: " + name
                                + "\nError: failed to start containers: " + name
                                : "Error response from daemon: No such container: " + name)
                        .append('\n');
                continue;
            }
            String unit = u.get().name();
            Instant now = docker.cluster().clock().now();
            if (verb.equals("stop") || verb.equals("restart")) {
                synchronized (docker) {
                    docker.containerOf(host, unit).manualStop = !verb.equals("restart");
                }
                docker.cluster().services().stop(host, unit, now);
            }
            if (verb.equals("start") || verb.equals("restart")) {
                docker.startContainer(host, unit, null, now);
            }
            out.append(name).append('\n');
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    PlayResult rm(String host, List<String> args) throws PlayFailure {
        boolean force = false;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-f") || a.equals("--force")) {
                force = true;
            } else if (a.equals("-v") || a.equals("--volumes") || a.equals("-fv") || a.equals("-vf")) {
                force |= a.contains("f");
            } else if (a.startsWith("-")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker rm --help'.");
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw new PlayFailure(1, "\"docker rm\" requires at least 1 argument.\nSee 'docker rm --help'.");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : names) {
            Optional<Services.Unit> u = docker.unitOf(host, name);
            if (u.isEmpty()) {
                err.append("Error: No such container: ").append(name).append('\n');
                continue;
            }
            String unit = u.get().name();
            if (u.get().running()) {
                if (!force) {
                    err.append("Error response from daemon: You cannot remove a running container ")
                            .append(docker.containerOf(host, unit).id)
                            .append(". Stop the container before attempting removal or force remove\n");
                    continue;
                }
                docker.cluster().services().stop(host, unit, docker.cluster().clock().now());
            }
            docker.remove(host, unit);
            out.append(name).append('\n');
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    PlayResult rename(String host, List<String> args) throws PlayFailure {
        if (args.size() != 2) {
            throw new PlayFailure(1, "\"docker rename\" requires exactly 2 arguments.\nSee 'docker rename --help'.");
        }
        String from = args.get(0);
        String to = args.get(1);
        Optional<Services.Unit> u = docker.unitOf(host, from);
        if (u.isEmpty()) {
            throw new PlayFailure(1, "Error response from daemon: No such container: " + from);
        }
        Optional<Services.Unit> taken = docker.cluster().services().get(host, to);
        if (taken.isPresent()) {
            throw new PlayFailure(1, "Error response from daemon: Error when allocating new name: Conflict. "
                    + "The container name \"/" + to + "\" is already in use by container \""
                    + docker.containerOf(host, to).id + "\". You have to remove (or rename) that container to be able "
                    + "to reuse that name.");
        }
        String unit = u.get().name();
        synchronized (docker) {
            DockerContainer k = docker.containerOf(host, unit);
            Map<String, DockerContainer> mine = docker.containersOn(host);
            mine.remove(unit);
            mine.put(to, k);
        }
        docker.cluster().services().rename(host, unit, to);
        return PlayResult.ok("");
    }

}
