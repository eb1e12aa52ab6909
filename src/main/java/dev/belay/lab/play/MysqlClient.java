package dev.belay.lab.play;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mysql}/{@code mariadb} command-line client of MariaDB 10.1, not on a terminal: batch
 * output (a header line, then TAB-separated rows; {@code -N} drops the header, {@code -ss} too;
 * {@code -t} draws the table), errors as the client prints them ({@code ERROR 2002 (HY000): ...},
 * {@code ERROR 1064 (42000) at line 1: ...}). SQL comes from {@code -e} or standard input. Plays the
 * statements an upgrade runs: SHOW STATUS/VARIABLES/DATABASES/TABLES, simple SELECTs, USE, CREATE and
 * DROP DATABASE, and counts writes (GRANT, INSERT, a restored dump...) as Galera writesets.
 */
final class MysqlClient {

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern SHOW_VARS = Pattern.compile(
            "(?is)show\\s+(?:(global|session|local)\\s+)?(status|variables)(?:\\s+like\\s+'([^']*)'"
                    + "|\\s+where\\s+variable_name\\s*=\\s*'([^']*)')?");
    private static final Pattern SHOW_DATABASES = Pattern.compile("(?is)show\\s+(?:databases|schemas)(?:\\s+like\\s+'([^']*)')?");
    private static final Pattern SHOW_TABLES = Pattern.compile("(?is)show\\s+tables(?:\\s+(?:from|in)\\s+`?(\\w+)`?)?");
    private static final Pattern CREATE_DB = Pattern.compile("(?is)create\\s+(?:database|schema)\\s+(if\\s+not\\s+exists\\s+)?`?(\\w+)`?.*");
    private static final Pattern DROP_DB = Pattern.compile("(?is)drop\\s+(?:database|schema)\\s+(if\\s+exists\\s+)?`?(\\w+)`?");
    private static final Pattern USE = Pattern.compile("(?is)use\\s+`?(\\w+)`?");
    private static final List<String> WRITES = List.of("insert", "update", "delete", "replace", "create", "drop",
            "alter", "grant", "revoke", "truncate", "rename");
    private static final List<String> ACCEPTED = List.of("set", "lock", "unlock", "flush", "start", "begin",
            "commit", "rollback", "analyze", "optimize", "check", "repair", "/*!");

    /** The client's options, as its option parser reads them. {@code password} is null when none was given. */
    record Options(String user, String password, String host, String database, String execute,
                   boolean skipColumnNames, int silent, boolean table, boolean force, List<String> positional) {

        static Options parse(List<String> args) throws PlayFailure {
            String user = "root";
            String password = null;
            String host = null;
            String database = null;
            String execute = null;
            boolean skip = false;
            int silent = 0;
            boolean table = false;
            boolean force = false;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    String name = a.contains("=") ? a.substring(2, a.indexOf('=')) : a.substring(2);
                    String val = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                    boolean needs = List.of("user", "host", "port", "execute", "database", "socket", "protocol",
                            "default-character-set", "connect-timeout").contains(name);
                    if (needs && val == null) {
                        if (i + 1 >= args.size()) {
                            throw new PlayFailure(7, "mysql: option '--" + name + "' requires an argument");
                        }
                        val = args.get(++i);
                    }
                    switch (name) {
                        case "user" -> user = val;
                        case "password" -> password = val == null ? "" : val;
                        case "host" -> host = val;
                        case "execute" -> execute = val;
                        case "database" -> database = val;
                        case "skip-column-names" -> skip = true;
                        case "silent" -> silent++;
                        case "table" -> table = true;
                        case "force" -> force = true;
                        case "batch", "raw", "port", "socket", "protocol", "default-character-set",
                             "connect-timeout", "single-transaction", "routines", "events", "triggers",
                             "all-databases", "no-data", "skip-dump-date", "skip-comments", "flush-privileges",
                             "databases", "compact", "quick", "lock-all-tables", "add-drop-database",
                             "skip-lock-tables", "skip-opt", "opt", "no-create-info", "force-upgrade",
                             "upgrade-system-tables", "verbose", "skip-write-binlog" -> {
                            // accepted: batch is the lab's only mode; the dump options are mysqldump's
                        }
                        default -> throw new PlayFailure(7, "mysql: unknown option '--" + name + "'");
                    }
                } else if (a.startsWith("-") && a.length() > 1) {
                    for (int c = 1; c < a.length(); c++) {
                        char ch = a.charAt(c);
                        String rest = a.substring(c + 1);
                        if ("uhPeDS".indexOf(ch) >= 0) {
                            String val = rest;
                            if (val.isEmpty()) {
                                if (i + 1 >= args.size()) {
                                    throw new PlayFailure(7, "mysql: option '-" + ch + "' requires an argument");
                                }
                                val = args.get(++i);
                            }
                            switch (ch) {
                                case 'u' -> user = val;
                                case 'h' -> host = val;
                                case 'e' -> execute = val;
                                case 'D' -> database = val;
                                default -> {
                                }
                            }
                            break;
                        }
                        if (ch == 'p') {
                            password = rest;
                            break;
                        }
                        switch (ch) {
                            case 'N' -> skip = true;
                            case 's' -> silent++;
                            case 't' -> table = true;
                            case 'f' -> force = true;
                            case 'B', 'r', 'v', 'A', 'q', 'n', 'R', 'E', 'd', 'x' -> {
                            }
                            default -> throw new PlayFailure(7, "mysql: unknown option '-" + ch + "'");
                        }
                    }
                } else {
                    positional.add(a);
                }
            }
            if (database == null && !positional.isEmpty()) {
                database = positional.get(0);
            }
            return new Options(user, password, host, database, execute, skip, silent, table, force, positional);
        }
    }

    /** A result set: column names, rows, and which columns are numbers (right-aligned in a table). */
    private record ResultSet(List<String> columns, List<List<String>> rows, boolean[] numeric) {
    }

    private final GaleraPlay galera;

    MysqlClient(GaleraPlay galera) {
        this.galera = galera;
    }

    PlayResult run(Call call) {
        Options o;
        try {
            o = Options.parse(call.args());
        } catch (PlayFailure f) {
            return f.result();
        }
        Instant now = galera.cluster().clock().now();
        Target target = connect(call.host(), o, now);
        if (target.error != null) {
            return PlayResult.fail(1, target.error + "\n");
        }
        GaleraNode node = target.node;
        String db = o.database();
        if (db != null && !galera.databases().contains(db)) {
            return PlayResult.fail(1, "ERROR 1049 (42000): Unknown database '" + db + "'\n");
        }
        String sql = o.execute() != null ? o.execute() : call.stdin();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int rc = 0;
        for (Statement st : split(sql)) {
            try {
                Optional<ResultSet> rs = execute(st.text(), node, target.hostName, now, db);
                Matcher use = USE.matcher(st.text());
                if (use.matches()) {
                    db = use.group(1);
                }
                rs.ifPresent(r -> out.append(render(r, o)));
            } catch (PlayFailure e) {
                err.append(e.getMessage().replaceFirst("^(ERROR \\d+ \\(\\w+\\))(: )", "$1 at line " + st.line() + "$2"))
                        .append('\n');
                rc = 1;
                if (!o.force()) {
                    break;
                }
            }
        }
        return new PlayResult(out.toString(), err.toString(), rc);
    }

    /** Where the client's connection lands: a node, or the client's error. */
    private record Target(GaleraNode node, String hostName, String error) {
    }

    private Target connect(String host, Options o, Instant now) {
        String h = o.host();
        boolean socket = h == null || h.equals("localhost");
        String server = host;
        if (!socket && !h.equals("127.0.0.1") && !h.equals("::1") && !h.equals(host)) {
            if (galera.cluster().topology().hosts().contains(h)) {
                server = h;
            } else {
                // The VIP: HAProxy sends the connection to a node whose clustercheck answers 200.
                Optional<String> backend = galera.backendForVip();
                if (backend.isEmpty()) {
                    return new Target(null, null, "ERROR 2013 (HY000): Lost connection to MySQL server at "
                            + "'reading initial communication packet', system error: 0");
                }
                server = backend.get();
            }
        }
        GaleraNode node = galera.node(server);
        String refused;
        synchronized (galera) {
            refused = galera.refusal(node, o, now);
        }
        if (refused != null && !socket && refused.startsWith("ERROR 2002")) {
            refused = "ERROR 2003 (HY000): Can't connect to MySQL server on '" + h + "' (111)";
        }
        return new Target(node, server, refused);
    }

    private record Statement(String text, int line) {
    }

    /** Splits SQL into statements at semicolons outside quotes, dropping comments (as the client does). */
    static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int startLine = 1;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote == 0 && cur.toString().isBlank() && (sql.startsWith("--", i) || c == '#')) {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
                line++;
                continue;
            }
            if (quote == 0 && sql.startsWith("/*", i) && !sql.startsWith("/*!", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (quote != 0) {
                if (c == '\\' && i + 1 < sql.length()) {
                    cur.append(c).append(sql.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                if (!cur.toString().isBlank()) {
                    out.add(new Statement(cur.toString().trim(), startLine));
                }
                cur.setLength(0);
                continue;
            }
            if (cur.toString().isBlank() && !Character.isWhitespace(c)) {
                startLine = line;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            out.add(new Statement(cur.toString().trim(), startLine));
        }
        return out;
    }

    private Optional<ResultSet> execute(String sql, GaleraNode node, String server, Instant now, String db)
            throws PlayFailure {
        String lower = sql.toLowerCase(Locale.ROOT);
        Matcher m = SHOW_VARS.matcher(sql);
        if (m.matches()) {
            Map<String, String> all = m.group(2).equalsIgnoreCase("status")
                    ? status(node, now) : variables(node, server);
            String like = m.group(3);
            String exact = m.group(4);
            List<List<String>> rows = new ArrayList<>();
            all.forEach((k, v) -> {
                if ((like == null || like(like, k)) && (exact == null || exact.equalsIgnoreCase(k))) {
                    rows.add(List.of(k, v));
                }
            });
            return Optional.of(new ResultSet(List.of("Variable_name", "Value"), rows, new boolean[2]));
        }
        if (!lower.startsWith("show") && !lower.startsWith("set") && !galera.applicationReady(node)) {
            throw new PlayFailure(1, "ERROR 1047 (08S01): WSREP has not yet prepared node for application use");
        }
        m = SHOW_DATABASES.matcher(sql);
        if (m.matches()) {
            String like = m.group(1);
            List<List<String>> rows = galera.databases().stream().filter(d -> like == null || like(like, d))
                    .map(List::of).toList();
            return Optional.of(new ResultSet(List.of(like == null ? "Database" : "Database (" + like + ")"), rows,
                    new boolean[1]));
        }
        m = SHOW_TABLES.matcher(sql);
        if (m.matches()) {
            String in = m.group(1) != null ? m.group(1) : db;
            if (in == null) {
                throw new PlayFailure(1, "ERROR 1046 (3D000): No database selected");
            }
            List<List<String>> rows = MysqlDump.tables(in, galera.schemaReleases().get(in)).keySet().stream()
                    .map(List::of).toList();
            return Optional.of(new ResultSet(List.of("Tables_in_" + in), rows, new boolean[1]));
        }
        if (lower.startsWith("select")) {
            return Optional.of(select(sql, node, server, now, db));
        }
        m = USE.matcher(sql);
        if (m.matches()) {
            if (!galera.databases().contains(m.group(1))) {
                throw new PlayFailure(1, "ERROR 1049 (42000): Unknown database '" + m.group(1) + "'");
            }
            return Optional.empty();
        }
        m = CREATE_DB.matcher(sql);
        if (m.matches()) {
            if (galera.databases().contains(m.group(2))) {
                if (m.group(1) == null) {
                    throw new PlayFailure(1, "ERROR 1007 (HY000): Can't create database '" + m.group(2)
                            + "'; database exists");
                }
                return Optional.empty();
            }
            galera.createDatabase(m.group(2));
            galera.write(node, 1);
            return Optional.empty();
        }
        m = DROP_DB.matcher(sql);
        if (m.matches()) {
            if (!galera.databases().contains(m.group(2))) {
                if (m.group(1) == null) {
                    throw new PlayFailure(1, "ERROR 1008 (HY000): Can't drop database '" + m.group(2)
                            + "'; database doesn't exist");
                }
                return Optional.empty();
            }
            galera.dropDatabase(m.group(2));
            galera.write(node, 1);
            return Optional.empty();
        }
        String first = lower.split("[\\s(]", 2)[0];
        if (WRITES.contains(first)) {
            galera.write(node, 1);
            return Optional.empty();
        }
        if (ACCEPTED.stream().anyMatch(lower::startsWith)) {
            return Optional.empty();
        }
        String near = sql.length() > 80 ? sql.substring(0, 80) : sql;
        throw new PlayFailure(1, "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that "
                + "corresponds to your MariaDB server version for the right syntax to use near '" + near
                + "' at line 1");
    }

    private ResultSet select(String sql, GaleraNode node, String server, Instant now, String db)
            throws PlayFailure {
        String body = sql.substring(6).trim();
        String from = null;
        Matcher f = Pattern.compile("(?is)(.*?)\\s+from\\s+(.*)").matcher(body);
        if (f.matches()) {
            body = f.group(1);
            from = f.group(2);
        }
        List<String> exprs = splitTopLevel(body);
        List<String> cols = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean[] numeric = new boolean[exprs.size()];
        for (int i = 0; i < exprs.size(); i++) {
            String e = exprs.get(i).trim();
            String alias = null;
            Matcher as = Pattern.compile("(?is)(.*?)\\s+(?:as\\s+)?`?(\\w+)`?").matcher(e);
            if (as.matches() && !e.endsWith(")") && !e.startsWith("'") && !e.matches("(?is).*\\s+(?:as\\s+)?'.*")) {
                e = as.group(1).trim();
                alias = as.group(2);
            }
            String v = value(e, node, server, now, db);
            numeric[i] = v != null && v.matches("-?\\d+(\\.\\d+)?") && !e.startsWith("'") && !e.startsWith("@@");
            cols.add(alias != null ? alias : e.startsWith("'") ? v : e);
            values.add(v);
        }
        if (from != null) {
            // Rows of the OpenStack tables are not played: the lab answers an empty set.
            return new ResultSet(cols, List.of(), numeric);
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(values);
        return new ResultSet(cols, rows, numeric);
    }

    private String value(String e, GaleraNode node, String server, Instant now, String db) throws PlayFailure {
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.matches("-?\\d+(\\.\\d+)?")) {
            return e;
        }
        if ((e.startsWith("'") && e.endsWith("'")) || (e.startsWith("\"") && e.endsWith("\""))) {
            return e.substring(1, e.length() - 1);
        }
        if (lower.startsWith("@@")) {
            String name = lower.substring(2).replaceFirst("^(global|session|local)\\.", "");
            String v = variables(node, server).get(name);
            if (v == null) {
                throw new PlayFailure(1, "ERROR 1193 (HY000): Unknown system variable '" + name + "'");
            }
            return v;
        }
        return switch (lower.replace(" ", "")) {
            case "version()" -> MariadbVersions.server(node.release);
            case "now()", "current_timestamp", "current_timestamp()", "sysdate()" -> DATETIME.format(now);
            case "database()", "schema()" -> db == null ? null : db;
            case "user()", "current_user()", "current_user" -> "root@localhost";
            case "uuid()" -> UUID.randomUUID().toString();
            case "connection_id()" -> "42";
            default -> throw new PlayFailure(1, "ERROR 1054 (42S22): Unknown column '" + e + "' in 'field list'");
        };
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    /** SQL LIKE: % any run, _ one character, backslash escapes; case-insensitive as MariaDB compares names. */
    static boolean like(String pattern, String text) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(text).matches();
    }

    private Map<String, String> status(GaleraNode node, Instant now) {
        Map<String, String> s = new TreeMap<>();
        long up = Math.max(1, Duration.between(node.since, now).getSeconds());
        s.put("Aborted_clients", "0");
        s.put("Aborted_connects", "0");
        s.put("Bytes_received", String.valueOf(up * 2100));
        s.put("Bytes_sent", String.valueOf(up * 9300));
        s.put("Com_commit", String.valueOf(up / 20));
        s.put("Com_select", String.valueOf(up * 30));
        s.put("Connections", String.valueOf(up / 3 + 1));
        s.put("Innodb_buffer_pool_pages_free", "61440");
        s.put("Innodb_buffer_pool_pages_total", "65528");
        s.put("Max_used_connections", "212");
        s.put("Open_tables", "400");
        s.put("Queries", String.valueOf(up * 40));
        s.put("Questions", String.valueOf(up * 40));
        s.put("Slow_queries", "0");
        s.put("Threads_cached", "4");
        s.put("Threads_connected", "187");
        s.put("Threads_created", "212");
        s.put("Threads_running", "2");
        s.put("Uptime", String.valueOf(up));
        s.put("Uptime_since_flush_status", String.valueOf(up));
        // The server's own variables sorted by name, then wsrep's in the provider's order, as MariaDB prints them.
        Map<String, String> all = new LinkedHashMap<>(s);
        all.putAll(galera.wsrepStatus(node, now));
        return all;
    }

    private Map<String, String> variables(GaleraNode node, String server) {
        Map<String, String> v = new TreeMap<>();
        List<String> peers = galera.cluster().topology().role("controllers");
        v.put("datadir", "/var/lib/mysql/");
        v.put("hostname", server);
        v.put("innodb_buffer_pool_size", "1073741824");
        v.put("max_connections", "10000");
        v.put("port", "3306");
        v.put("read_only", "OFF");
        v.put("server_id", "1");
        v.put("socket", "/var/lib/mysql/mysql.sock");
        v.put("version", MariadbVersions.server(node.release));
        v.put("version_comment", "MariaDB Server");
        v.put("wsrep_cluster_address", "gcomm://" + String.join(",", peers.stream().map(p -> p + ":4567").toList()));
        v.put("wsrep_cluster_name", "openstack");
        v.put("wsrep_node_address", server + ":4567");
        v.put("wsrep_node_name", server);
        v.put("wsrep_on", "ON");
        v.put("wsrep_provider", "/usr/lib64/galera/libgalera_smm.so");
        v.put("wsrep_slave_threads", "4");
        v.put("wsrep_sst_method", "xtrabackup-v2");
        return v;
    }

    private static String render(ResultSet r, Options o) {
        if (r.rows().isEmpty()) {
            return "";
        }
        if (o.table()) {
            return table(r);
        }
        StringBuilder out = new StringBuilder();
        if (!o.skipColumnNames() && o.silent() < 2) {
            out.append(String.join("\t", r.columns())).append('\n');
        }
        for (List<String> row : r.rows()) {
            List<String> cells = new ArrayList<>();
            for (String c : row) {
                cells.add(c == null ? "NULL" : c.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
            }
            out.append(String.join("\t", cells)).append('\n');
        }
        return out.toString();
    }

    private static String table(ResultSet r) {
        int n = r.columns().size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.columns().get(i).length();
            for (List<String> row : r.rows()) {
                w[i] = Math.max(w[i], row.get(i) == null ? 4 : row.get(i).length());
            }
        }
        StringBuilder line = new StringBuilder("+");
        for (int x : w) {
            line.append("-".repeat(x + 2)).append('+');
        }
        StringBuilder out = new StringBuilder(line).append('\n');
        out.append(tableRow(r.columns(), w, new boolean[n])).append(line).append('\n');
        for (List<String> row : r.rows()) {
            out.append(tableRow(row, w, r.numeric()));
        }
        return out.append(line).append('\n').toString();
    }

    private static String tableRow(List<String> cells, int[] w, boolean[] right) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i) == null ? "NULL" : cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(' ').append(right[i] ? pad + c : c + pad).append(" |");
        }
        return sb.append('\n').toString();
    }

}
