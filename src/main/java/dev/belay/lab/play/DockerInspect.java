package dev.belay.lab.play;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code docker inspect}: the JSON document docker prints for a container, or a Go template of it. */
final class DockerInspect {

    private final DockerPlay docker;

    DockerInspect(DockerPlay docker) {
        this.docker = docker;
    }


    PlayResult run(String host, List<String> args) throws PlayFailure {
        String format = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-f") || a.equals("--format")) {
                format = DockerPlay.value(args, ++i, a);
            } else if (a.startsWith("--format=") || a.startsWith("-f=")) {
                format = a.substring(a.indexOf('=') + 1);
            } else if (a.equals("--type")) {
                i++;
            } else if (a.startsWith("--type=") || a.equals("-s") || a.equals("--size")) {
                // only containers are inspected here
            } else if (a.startsWith("-")) {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker inspect --help'.");
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            throw new PlayFailure(1, "\"docker inspect\" requires at least 1 argument.\nSee 'docker inspect --help'.");
        }
        List<Map<String, Object>> found = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Optional<Services.Unit> u = docker.unitOf(host, name);
            if (u.isEmpty()) {
                err.append("Error: No such object: ").append(name).append('\n');
                continue;
            }
            Map<String, Object> doc = inspectDoc(u.get(), docker.containerOf(host, u.get().name()));
            if (format == null) {
                found.add(doc);
            } else {
                try {
                    out.append(GoTemplate.render(GoTemplate.unescape(format), doc)).append('\n');
                } catch (GoTemplate.TemplateError e) {
                    throw new PlayFailure(1, e.getMessage());
                }
            }
        }
        if (format == null) {
            out.append(GoTemplate.json(found, true)).append('\n');
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private Map<String, Object> inspectDoc(Services.Unit u, DockerContainer k) {
        Map<String, Object> state = new LinkedHashMap<>();
        String st = DockerPs.state(u, k);
        state.put("Status", st);
        state.put("Running", u.running());
        state.put("Paused", false);
        state.put("Restarting", false);
        state.put("OOMKilled", false);
        state.put("Dead", false);
        state.put("Pid", u.running() ? k.pid : 0);
        state.put("ExitCode", u.running() ? 0 : k.exitCode);
        state.put("Error", "");
        state.put("StartedAt", goTime(k.startedAt));
        state.put("FinishedAt", goTime(k.finishedAt));
        Map<String, Object> restart = new LinkedHashMap<>();
        restart.put("Name", k.restart);
        restart.put("MaximumRetryCount", 0);
        Map<String, Object> hostConfig = new LinkedHashMap<>();
        hostConfig.put("Binds", k.volumes.isEmpty() ? null : k.volumes);
        hostConfig.put("NetworkMode", k.network);
        hostConfig.put("RestartPolicy", restart);
        hostConfig.put("AutoRemove", false);
        hostConfig.put("Privileged", false);
        List<Object> mounts = new ArrayList<>();
        for (String v : k.volumes) {
            String[] p = v.split(":");
            boolean named = !p[0].startsWith("/");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", named ? "volume" : "bind");
            if (named) {
                m.put("Name", p[0]);
            }
            m.put("Source", named ? "/var/lib/docker/volumes/" + p[0] + "/_data" : p[0]);
            m.put("Destination", p.length > 1 ? p[1] : p[0]);
            m.put("Driver", named ? "local" : "");
            m.put("Mode", p.length > 2 ? p[2] : (named ? "z" : ""));
            m.put("RW", !(p.length > 2 && p[2].contains("ro")));
            m.put("Propagation", named ? "" : "rprivate");
            mounts.add(m);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", u.host());
        config.put("Domainname", "");
        config.put("User", "");
        config.put("Tty", false);
        config.put("OpenStdin", false);
        config.put("Env", k.env);
        config.put("Cmd", k.path.size() > 0 && !k.path.get(0).equals("dumb-init") ? k.path : List.of("kolla_start"));
        config.put("Image", k.imageRef);
        config.put("WorkingDir", "");
        config.put("Entrypoint", null);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("build-date", "20180118");
        labels.put("kolla_version", "5.0.1");
        labels.put("name", Kolla.serviceOf(k.imageRef));
        config.put("Labels", labels);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Id", k.id);
        doc.put("Created", goTime(k.created));
        doc.put("Path", k.path.isEmpty() ? "" : k.path.get(0));
        doc.put("Args", k.path.size() > 1 ? k.path.subList(1, k.path.size()) : List.of());
        doc.put("State", state);
        doc.put("Image", "sha256:" + DockerPlay.idOf(k.imageRef));
        doc.put("ResolvConfPath", "/var/lib/docker/containers/" + k.id + "/resolv.conf");
        doc.put("HostnamePath", "/var/lib/docker/containers/" + k.id + "/hostname");
        doc.put("HostsPath", "/var/lib/docker/containers/" + k.id + "/hosts");
        doc.put("LogPath", "/var/lib/docker/containers/" + k.id + "/" + k.id + "-json.log");
        doc.put("Name", "/" + u.name());
        doc.put("RestartCount", 0);
        doc.put("Driver", "overlay2");
        doc.put("Platform", "linux");
        doc.put("MountLabel", "");
        doc.put("ProcessLabel", "");
        doc.put("AppArmorProfile", "");
        doc.put("ExecIDs", null);
        doc.put("HostConfig", hostConfig);
        doc.put("Mounts", mounts);
        doc.put("Config", config);
        return doc;
    }

    private static String goTime(Instant t) {
        return t == null ? "0001-01-01T00:00:00Z" : DateTimeFormatter.ISO_INSTANT.format(t);
    }

}
