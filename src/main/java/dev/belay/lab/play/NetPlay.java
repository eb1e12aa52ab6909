package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import dev.belay.lab.play.Network.Listener;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ss} (listening sockets of the host's running services) and {@code curl} to the services'
 * HTTP APIs, directly on a host or through HAProxy on the virtual IP. curl answers as curl 7.29
 * (CentOS 7) does: {@code -s}, {@code -S}, {@code -f}, {@code -o}, {@code -w '%{http_code}'},
 * {@code -i}/{@code -I}; a closed port is {@code curl: (7) ... Connection refused}.
 */
final class NetPlay implements Play {

    @Override
    public Set<String> commands() {
        return Set.of("ss", "curl");
    }

    @Override
    public PlayResult run(Call call) {
        return call.command().equals("ss") ? ss(call) : curl(call);
    }

    // ------------------------------------------------------------------ ss

    private PlayResult ss(Call call) {
        String flags = String.join("", call.args().stream().filter(a -> a.startsWith("-") && !a.startsWith("--")).toList());
        boolean header = !flags.contains("H") && !call.args().contains("--no-header");
        boolean listening = flags.contains("l") || call.args().contains("--listening");
        boolean tcp = flags.contains("t") || call.args().contains("--tcp") || !flags.contains("u");
        boolean procs = flags.contains("p") || call.args().contains("--processes");
        StringBuilder out = new StringBuilder();
        if (header) {
            out.append(String.format("%-10s %-6s %-6s %20s:%-20s %15s:%-10s%s%n", "State", "Recv-Q", "Send-Q", "Local Address",
                    "Port", "Peer Address", "Port", procs ? " Process" : "").stripTrailing()).append('\n');
            out.setLength(out.length() - 1);
            out.append('\n');
        }
        if (!listening || !tcp) {
            return PlayResult.ok(out.toString());
        }
        for (Listener l : call.cluster().network().listeners(call.host())) {
            String addr = l.address().equals("0.0.0.0") ? "*" : l.address();
            String line = String.format("%-10s %-6d %-6d %20s:%-20s %15s:%-10s", "LISTEN", 0, 128, addr, l.port(), "*", "*");
            if (procs) {
                line += " users:((\"" + l.process() + "\",pid=" + (1000 + Math.abs(l.process().hashCode() % 30000)) + ",fd=3))";
            }
            out.append(line.stripTrailing()).append('\n');
        }
        return PlayResult.ok(out.toString());
    }

    // ---------------------------------------------------------------- curl

    /** An HTTP answer. */
    record Http(int status, String reason, String contentType, String body) {
    }

    private PlayResult curl(Call call) {
        boolean silent = false;
        boolean showErrors = false;
        boolean fail = false;
        boolean head = false;
        boolean include = false;
        String output = null;
        String writeOut = null;
        String url = null;
        List<String> a = call.args();
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            if (x.startsWith("--")) {
                switch (x) {
                    case "--silent" -> silent = true;
                    case "--show-error" -> showErrors = true;
                    case "--fail" -> fail = true;
                    case "--head" -> head = true;
                    case "--include" -> include = true;
                    case "--output" -> output = a.get(++i);
                    case "--write-out" -> writeOut = a.get(++i);
                    case "--max-time", "--connect-timeout", "--request", "--header", "--data", "--user", "--cacert",
                            "--retry", "--retry-delay", "--url" -> {
                        String v = a.get(++i);
                        if (x.equals("--url")) {
                            url = v;
                        }
                    }
                    default -> { }
                }
                continue;
            }
            if (x.startsWith("-") && x.length() > 1) {
                for (int k = 1; k < x.length(); k++) {
                    char c = x.charAt(k);
                    switch (c) {
                        case 's' -> silent = true;
                        case 'S' -> showErrors = true;
                        case 'f' -> fail = true;
                        case 'I' -> head = true;
                        case 'i' -> include = true;
                        case 'k', 'L', 'v', 'g', 'N' -> { }
                        case 'o', 'w', 'm', 'X', 'H', 'd', 'u', 'A', 'e' -> {
                            String v = k + 1 < x.length() ? x.substring(k + 1) : a.get(++i);
                            if (c == 'o') {
                                output = v;
                            } else if (c == 'w') {
                                writeOut = v;
                            }
                            k = x.length();
                        }
                        default -> {
                            return PlayResult.fail(2, "curl: option " + x + ": is unknown\n"
                                    + "curl: try 'curl --help' or 'curl --manual' for more information\n");
                        }
                    }
                }
                continue;
            }
            url = x;
        }
        if (url == null) {
            return PlayResult.fail(2, "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        }
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "http://" + url);
        } catch (IllegalArgumentException e) {
            return PlayResult.fail(3, silent && !showErrors ? "" : "curl: (3) <url> malformed\n");
        }
        String hostName = uri.getHost() == null ? "" : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        Answer ans = answer(call, hostName, port, path);
        if (ans.error != null) {
            String w = writeOut == null ? "" : expand(writeOut, 0);
            String err = silent && !showErrors ? "" : "curl: (" + ans.code + ") " + ans.error + "\n";
            return new PlayResult(w, err, ans.code);
        }
        Http http = ans.http;
        if (fail && http.status() >= 400) {
            String w = writeOut == null ? "" : expand(writeOut, http.status());
            String err = silent && !showErrors ? "" : "curl: (22) The requested URL returned error: " + http.status() + " "
                    + http.reason() + "\n";
            return new PlayResult(w, err, 22);
        }
        StringBuilder body = new StringBuilder();
        if (head || include) {
            body.append("HTTP/1.1 ").append(http.status()).append(' ').append(http.reason()).append("\r\n")
                    .append("Content-Type: ").append(http.contentType()).append("\r\n")
                    .append("Content-Length: ").append(http.body().length()).append("\r\n\r\n");
        }
        if (!head) {
            body.append(http.body());
        }
        StringBuilder out = new StringBuilder();
        if (output == null || output.equals("-")) {
            out.append(body);
        } else if (!output.equals("/dev/null")) {
            // -o FILE: written into the host's own files (its sandbox root), as curl would.
            String file = output.startsWith("/") ? output : "/root/" + output;
            try {
                if (call.cluster().faults().has(dev.belay.lab.FaultKind.DISK_FULL, call.host())) {
                    throw new IllegalStateException("No space left on device");
                }
                call.cluster().files().write(call.host(), file, body.toString());
            } catch (RuntimeException e) {
                String w = writeOut == null ? "" : expand(writeOut, http.status());
                return new PlayResult(w, silent && !showErrors ? "" : "curl: (23) Failed writing body (0 != "
                        + body.length() + ")\n", 23);
            }
        }
        if (writeOut != null) {
            out.append(expand(writeOut, http.status()));
        }
        return PlayResult.ok(out.toString());
    }

    private static String expand(String fmt, int status) {
        return fmt.replace("%{http_code}", String.format("%03d", status)).replace("%{response_code}", String.format("%03d", status))
                .replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    }

    private record Answer(Http http, int code, String error) {
        static Answer of(Http h) {
            return new Answer(h, 0, null);
        }

        static Answer err(int code, String msg) {
            return new Answer(null, code, msg);
        }
    }

    private Answer answer(Call call, String hostName, int port, String path) {
        Network net = call.cluster().network();
        Optional<String> target = net.resolve(call.host(), hostName);
        if (target.isPresent()) {
            String h = target.get();
            if (!call.cluster().power().isUp(h)) {
                return Answer.err(7, "Failed connect to " + hostName + ":" + port + "; No route to host");
            }
            boolean listens = net.listeners(h).stream().anyMatch(l -> l.port() == port
                    && !(l.address().equals(Network.VIP)));
            if (!listens) {
                return Answer.err(7, "Failed connect to " + hostName + ":" + port + "; Connection refused");
            }
            return serve(call, h, port, path);
        }
        Optional<String> holder = net.vipHolder();
        if (holder.isEmpty() || (!hostName.equals(Network.VIP) && !hostName.matches("[0-9.]+|[a-z0-9.-]+"))) {
            return Answer.err(7, "Failed connect to " + hostName + ":" + port + "; No route to host");
        }
        Optional<Network.Proxy> proxy = Network.proxy(port);
        if (proxy.isEmpty()) {
            return Answer.err(7, "Failed connect to " + hostName + ":" + port + "; Connection refused");
        }
        if (call.cluster().faults().has(FaultKind.HAPROXY_NO_BACKENDS, holder.get())) {
            return Answer.of(NO_SERVER);
        }
        for (String c : call.cluster().topology().role("controllers")) {
            if (net.serving(c, proxy.get().container())) {
                return serve(call, c, port, path);
            }
        }
        return Answer.of(NO_SERVER);
    }

    /** HAProxy's own answer when no server of the backend can take the request. */
    private static final Http NO_SERVER = new Http(503, "Service Unavailable", "text/html",
            "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n");

    private Answer serve(Call call, String h, int port, String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return switch (port) {
            case 9200 -> Answer.of(clustercheck(call, h));
            case 5000, 35357 -> Answer.of(switch (p) {
                case "/" -> new Http(300, "Multiple Choices", "application/json",
                        "{\"versions\": {\"values\": [{\"status\": \"stable\", \"updated\": \"2017-02-22T00:00:00Z\", "
                                + "\"id\": \"v3.8\", \"links\": [{\"href\": \"http://" + Network.VIP + ":" + port
                                + "/v3/\", \"rel\": \"self\"}]}]}}");
                case "/v3" -> new Http(200, "OK", "application/json",
                        "{\"version\": {\"status\": \"stable\", \"updated\": \"2017-02-22T00:00:00Z\", \"id\": \"v3.8\", "
                                + "\"links\": [{\"href\": \"http://" + Network.VIP + ":" + port + "/v3/\", \"rel\": \"self\"}]}}");
                default -> notFound();
            });
            case 8774 -> Answer.of(p.equals("/") || p.startsWith("/v2.1")
                    ? new Http(200, "OK", "application/json", "{\"versions\": [{\"status\": \"SUPPORTED\", \"id\": \"v2.0\"}, "
                    + "{\"status\": \"CURRENT\", \"version\": \"2.42\", \"min_version\": \"2.1\", \"id\": \"v2.1\"}]}")
                    : notFound());
            case 8778 -> Answer.of(p.equals("/")
                    ? new Http(200, "OK", "application/json",
                    "{\"versions\": [{\"min_version\": \"1.0\", \"max_version\": \"1.4\", \"id\": \"v1.0\"}]}")
                    : notFound());
            case 9292 -> Answer.of(new Http(300, "Multiple Choices", "application/json",
                    "{\"versions\": [{\"status\": \"CURRENT\", \"id\": \"v2.5\"}]}"));
            case 9696 -> Answer.of(new Http(200, "OK", "application/json",
                    "{\"versions\": [{\"status\": \"CURRENT\", \"id\": \"v2.0\"}]}"));
            case 80 -> Answer.of(new Http(200, "OK", "text/html", "<!DOCTYPE html>\n<html><head><title>Login - OpenStack Dashboard</title></head>\n"
                    + "<body><form id=\"\" class=\"ng-pristine ng-valid\" action=\"/dashboard/auth/login/\" method=\"POST\">"
                    + "<input type='hidden' name='csrfmiddlewaretoken' value='labcsrf0token' />\n"
                    + "<input type=\"hidden\" name=\"next\" value=\"/dashboard/\" id=\"id_next\" />\n"
                    + "<input type=\"hidden\" name=\"region\" value=\"default\" id=\"id_region\" /></form></body></html>\n"));
            case 6080 -> Answer.of(new Http(200, "OK", "text/html", "<!DOCTYPE html>\n<html><head><title>Login - OpenStack Dashboard</title></head></html>\n"));
            case 15672 -> Answer.of(new Http(200, "OK", "text/html", "<!doctype html>\n<html><head><title>RabbitMQ Management</title></head></html>\n"));
            default -> Answer.err(52, "Empty reply from server");
        };
    }

    private static Http notFound() {
        return new Http(404, "Not Found", "text/html", "<html><body><h1>404 Not Found</h1>\nThe resource could not be found.\n</body></html>\n");
    }

    /** Percona's clustercheck behind xinetd: 200 when the node is synced, 503 when not or disabled by file. */
    private Http clustercheck(Call call, String h) {
        if (call.cluster().hostFs().exists(h, "/var/tmp/clustercheck.disabled")) {
            return new Http(503, "Service Unavailable", "text/plain", "Percona XtraDB Cluster Node is manually disabled.\r\n");
        }
        if (call.cluster().galeraSynced(h)) {
            return new Http(200, "OK", "text/plain", "Percona XtraDB Cluster Node is synced.\r\n");
        }
        return new Http(503, "Service Unavailable", "text/plain", "Percona XtraDB Cluster Node is not synced or non-PRIM. \r\n");
    }
}
