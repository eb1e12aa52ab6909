package dev.belay.lab.play;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code docker ps}: the containers of a host as docker 17.09 lists them (filters, {@code --format}). */
final class DockerPs {
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'").withZone(ZoneOffset.UTC);
    private static final String PS_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
    private static final Map<String, String> PS_HEADERS = Map.of(
            "ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "RunningFor", "CREATED",
            "CreatedAt", "CREATED AT", "Status", "STATUS", "Ports", "PORTS", "Names", "NAMES", "Labels", "LABELS",
            "Mounts", "MOUNTS");

    private final DockerPlay docker;

    DockerPs(DockerPlay docker) {
        this.docker = docker;
    }


    PlayResult run(String host, List<String> args) throws PlayFailure {
        boolean all = false;
        boolean quiet = false;
        boolean noTrunc = false;
        String format = null;
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--filter=") || a.startsWith("-f=")) {
                addFilter(filters, a.substring(a.indexOf('=') + 1));
            } else if (a.equals("--filter") || a.equals("-f")) {
                addFilter(filters, DockerPlay.value(args, ++i, a));
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.equals("--format")) {
                format = DockerPlay.value(args, ++i, a);
            } else if (a.equals("--no-trunc")) {
                noTrunc = true;
            } else if (a.equals("-a") || a.equals("--all")) {
                all = true;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.matches("-[aqs]+")) {
                all |= a.contains("a");
                quiet |= a.contains("q");
            } else if (a.equals("-s") || a.equals("--size") || a.equals("-l") || a.equals("--latest")) {
                // sizes and "latest" change nothing the lab can show
            } else {
                throw new PlayFailure(125, "unknown flag: " + a + "\nSee 'docker ps --help'.");
            }
        }
        if (filters.containsKey("status") || filters.containsKey("exited")) {
            all = true;
        }
        Instant now = docker.cluster().clock().now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Services.Unit u : docker.cluster().services().on(host)) {
            DockerContainer k;
            synchronized (docker) {
                k = docker.containerOf(host, u.name());
            }
            if (k == null || (!all && !u.running()) || !matches(filters, u, k)) {
                continue;
            }
            rows.add(psRow(u, k, now, noTrunc));
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get("_created")).reversed());
        StringBuilder out = new StringBuilder();
        if (quiet && format == null) {
            rows.forEach(r -> out.append(r.get("ID")).append('\n'));
            return PlayResult.ok(out.toString());
        }
        String f = format == null ? PS_TABLE : format;
        return PlayResult.ok(table(f, rows, PS_HEADERS));
    }

    private static String table(String format, List<Map<String, Object>> rows, Map<String, String> headers)
            throws PlayFailure {
        boolean isTable = format.startsWith("table");
        String body = GoTemplate.unescape(isTable ? format.substring("table".length()).trim() : format);
        try {
            if (!isTable) {
                StringBuilder out = new StringBuilder();
                for (Map<String, Object> r : rows) {
                    out.append(GoTemplate.render(body, r)).append('\n');
                }
                return out.toString();
            }
            TabWriter tw = new TabWriter(20);
            Map<String, Object> head = new HashMap<>();
            headers.forEach(head::put);
            rows.stream().findFirst().ifPresent(r -> r.keySet().forEach(k -> head.putIfAbsent(k, k.toUpperCase())));
            tw.row(GoTemplate.render(body, head));
            for (Map<String, Object> r : rows) {
                tw.row(GoTemplate.render(body, r));
            }
            return tw.render();
        } catch (GoTemplate.TemplateError e) {
            throw new PlayFailure(1, e.getMessage());
        }
    }

    private Map<String, Object> psRow(Services.Unit u, DockerContainer k, Instant now, boolean noTrunc) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", noTrunc ? k.id : k.id.substring(0, 12));
        r.put("Image", k.imageRef);
        String command = String.join(" ", k.path);
        if (!noTrunc && command.codePointCount(0, command.length()) > 20) {
            command = command.substring(0, 19) + "…";
        }
        r.put("Command", "\"" + command + "\"");
        r.put("CreatedAt", CREATED_AT.format(k.created));
        r.put("RunningFor", Humanize.duration(Duration.between(k.created, now)) + " ago");
        r.put("Status", status(u, k, now));
        r.put("Ports", "");
        r.put("Names", u.name());
        r.put("Labels", "");
        r.put("Mounts", String.join(",", k.volumes.stream().map(v -> v.split(":")[0]).toList()));
        r.put("Size", "0B");
        r.put("Networks", k.network);
        r.put("_created", k.created);
        return r;
    }

    private static String status(Services.Unit u, DockerContainer k, Instant now) {
        if (u.running()) {
            return "Up " + Humanize.duration(Duration.between(u.since(), now));
        }
        if (!k.everStarted && k.finishedAt == null) {
            return "Created";
        }
        Instant at = k.finishedAt == null ? u.since() : k.finishedAt;
        return "Exited (" + k.exitCode + ") " + Humanize.duration(Duration.between(at, now)) + " ago";
    }

    static String state(Services.Unit u, DockerContainer k) {
        if (u.running()) {
            return "running";
        }
        return !k.everStarted && k.finishedAt == null ? "created" : "exited";
    }

    private static void addFilter(Map<String, List<String>> filters, String spec) throws PlayFailure {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new PlayFailure(1, "Error response from daemon: Invalid filter '" + spec + "'");
        }
        String key = spec.substring(0, eq);
        if (!Set.of("name", "status", "health", "ancestor", "id", "exited", "label", "volume", "network").contains(key)) {
            throw new PlayFailure(1, "Error response from daemon: Invalid filter '" + key + "'");
        }
        filters.computeIfAbsent(key, x -> new ArrayList<>()).add(spec.substring(eq + 1));
    }

    private boolean matches(Map<String, List<String>> filters, Services.Unit u, DockerContainer k) throws PlayFailure {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            boolean any = false;
            for (String v : f.getValue()) {
                any |= switch (f.getKey()) {
                    case "name" -> regexFind(v, u.name());
                    case "status" -> state(u, k).equals(v);
                    // Kolla's Pike images define no health checks: every container's health is "none".
                    case "health" -> v.equals("none");
                    case "ancestor" -> k.imageRef.equals(DockerPlay.withTag(v)) || DockerPlay.repoOf(k.imageRef).equals(v);
                    case "id" -> k.id.startsWith(v);
                    case "exited" -> !u.running() && k.everStarted && String.valueOf(k.exitCode).equals(v);
                    case "volume" -> k.volumes.stream().anyMatch(x -> x.startsWith(v + ":") || x.contains(":" + v));
                    case "network" -> k.network.equals(v);
                    default -> false;
                };
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean regexFind(String regex, String name) throws PlayFailure {
        try {
            return Pattern.compile(regex).matcher(name).find();
        } catch (PatternSyntaxException e) {
            throw new PlayFailure(1, "Error response from daemon: error parsing regexp: " + e.getDescription()
                    + ": `" + regex + "`");
        }
    }

}
