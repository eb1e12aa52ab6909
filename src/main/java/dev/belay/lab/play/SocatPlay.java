package dev.belay.lab.play;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code socat} for HAProxy's admin socket only ({@code /var/lib/kolla/haproxy/haproxy.sock}):
 * {@code show stat} answers HAProxy 1.5's CSV, one FRONTEND, one row per controller server
 * (UP while its container runs, DOWN otherwise) and one BACKEND per proxy.
 */
final class SocatPlay implements Play {

    static final String SOCKET = "/var/lib/kolla/haproxy/haproxy.sock";
    private static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,"
            + "wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,"
            + "type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,"
            + "hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,"
            + "last_chk,last_agt,qtime,ctime,rtime,ttime,";
    private static final int FIELDS = 62;
    private static final DateTimeFormatter LOG = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public Set<String> commands() {
        return Set.of("socat");
    }

    @Override
    public PlayResult run(Call call) {
        String address = call.args().stream().filter(a -> !a.startsWith("-") && !a.equalsIgnoreCase("stdio")
                && !a.equalsIgnoreCase("stdin") && !a.equalsIgnoreCase("stdout")).reduce((x, y) -> y).orElse("");
        String path = address.replaceFirst("(?i)^unix-(connect|client):", "");
        String stamp = LOG.format(call.cluster().clock().now()) + " socat[" + (4000 + call.host().hashCode() % 900) + "] E ";
        if (!path.equals(SOCKET) || !call.cluster().topology().has(call.host(), "controllers")) {
            return PlayResult.fail(1, stamp + "connect(5, AF=1 \"" + path + "\", " + (path.length() + 2)
                    + "): No such file or directory\n");
        }
        if (!call.cluster().network().serving(call.host(), "haproxy")) {
            return PlayResult.fail(1, stamp + "connect(5, AF=1 \"" + path + "\", " + (path.length() + 2) + "): Connection refused\n");
        }
        String request = call.stdin().trim();
        if (request.equals("show stat")) {
            return PlayResult.ok(stats(call));
        }
        java.util.regex.Matcher admin = java.util.regex.Pattern
                .compile("(disable|enable) server ([^/\\s]+)/(\\S+)").matcher(request);
        if (admin.matches()) {
            // HAProxy 1.5 answers an admin command that worked with an empty line, one that names no
            // such server with an error it still exits 0 on (socat only carries the bytes).
            boolean known = call.cluster().network().setMaintenance(call.host(), admin.group(2), admin.group(3),
                    admin.group(1).equals("disable"));
            return PlayResult.ok(known ? "\n" : "No such server.\n\n");
        }
        if (request.equals("show info")) {
            return PlayResult.ok("Name: HAProxy\nVersion: 1.5.18\nRelease_date: 2016/05/10\nNbproc: 1\nProcess_num: 1\n"
                    + "Pid: 1\nnode: " + call.host() + "\n\n");
        }
        return PlayResult.ok("Unknown command. Please enter one of the following commands only :\n"
                + "  show info      : report information about the running process\n"
                + "  show stat      : report counters for each proxy and server\n\n");
    }

    private String stats(Call call) {
        Network net = call.cluster().network();
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        int iid = 2;
        for (Network.Proxy p : Network.PROXIES) {
            out.append(row(p.name(), "FRONTEND", "OPEN", 0, iid, 0, "", "")).append('\n');
            int sid = 1;
            boolean anyUp = false;
            for (String h : call.cluster().topology().role("controllers")) {
                boolean maint = net.inMaintenance(call.host(), p.name(), h);
                boolean up = net.serving(h, p.container()) && !maint;
                anyUp |= up;
                out.append(row(p.name(), h, maint ? "MAINT" : up ? "UP" : "DOWN", 2, iid, sid++, up ? (p.http() ? "L7OK" : "L4OK") : "L4CON",
                        up && p.http() ? "200" : "")).append('\n');
            }
            out.append(row(p.name(), "BACKEND", anyUp ? "UP" : "DOWN", 1, iid, 0, "", "")).append('\n');
            iid++;
        }
        return out.append('\n').toString();
    }

    private static String row(String px, String sv, String status, int type, int iid, int sid, String check, String code) {
        String[] f = new String[FIELDS];
        Arrays.fill(f, "");
        f[0] = px;
        f[1] = sv;
        f[4] = "0";
        f[5] = "1";
        f[7] = "12";
        f[8] = "4096";
        f[9] = "8192";
        f[17] = status;
        f[26] = "1";
        f[27] = String.valueOf(iid);
        f[28] = String.valueOf(sid);
        f[32] = String.valueOf(type);
        if (type == 2) {
            f[18] = "1";
            f[19] = "1";
            f[20] = "0";
            f[21] = status.equals("UP") ? "0" : "1";
            f[22] = status.equals("UP") ? "0" : "1";
            f[23] = "60";
            f[24] = status.equals("UP") ? "0" : "60";
            f[36] = check;
            f[37] = code;
            f[38] = check.isEmpty() ? "" : "1";
        } else if (type == 1) {
            f[18] = "1";
            f[19] = "1";
            f[20] = "0";
        } else {
            f[6] = "4000";
        }
        List<String> fields = new ArrayList<>(Arrays.asList(f));
        return String.join(",", fields) + ",";
    }
}
