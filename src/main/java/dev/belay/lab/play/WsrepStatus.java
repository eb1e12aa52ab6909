package dev.belay.lab.play;

import dev.belay.lab.play.GaleraNode.Phase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A Galera node's wsrep status variables ({@code SHOW STATUS LIKE 'wsrep%'}), as MariaDB 10.1 shows them. */
final class WsrepStatus {

    /**
     * The order MariaDB prints the wsrep status variables in: the provider's own (Galera 3), then the
     * server's (cluster, connection, provider identity). Not sorted by name: checked against a real
     * MariaDB + Galera ({@code GaleraConformanceTest}).
     */
    private static final List<String> ORDER = List.of(
            "wsrep_local_state_uuid", "wsrep_protocol_version", "wsrep_last_committed", "wsrep_replicated",
            "wsrep_replicated_bytes", "wsrep_repl_keys", "wsrep_repl_keys_bytes", "wsrep_repl_data_bytes",
            "wsrep_repl_other_bytes", "wsrep_received", "wsrep_received_bytes", "wsrep_local_commits",
            "wsrep_local_cert_failures", "wsrep_local_replays", "wsrep_local_send_queue", "wsrep_local_send_queue_max",
            "wsrep_local_send_queue_min", "wsrep_local_send_queue_avg", "wsrep_local_recv_queue",
            "wsrep_local_recv_queue_max", "wsrep_local_recv_queue_min", "wsrep_local_recv_queue_avg",
            "wsrep_local_cached_downto", "wsrep_flow_control_paused_ns", "wsrep_flow_control_paused",
            "wsrep_flow_control_sent", "wsrep_flow_control_recv", "wsrep_cert_deps_distance", "wsrep_apply_oooe",
            "wsrep_apply_oool", "wsrep_apply_window", "wsrep_commit_oooe", "wsrep_commit_oool", "wsrep_commit_window",
            "wsrep_local_state", "wsrep_local_state_comment", "wsrep_cert_index_size", "wsrep_causal_reads",
            "wsrep_cert_interval", "wsrep_incoming_addresses", "wsrep_desync_count", "wsrep_evs_delayed",
            "wsrep_evs_evict_list", "wsrep_evs_repl_latency", "wsrep_evs_state", "wsrep_gcomm_uuid",
            "wsrep_cluster_conf_id", "wsrep_cluster_size", "wsrep_cluster_state_uuid", "wsrep_cluster_status",
            "wsrep_connected", "wsrep_local_bf_aborts", "wsrep_local_index", "wsrep_provider_name",
            "wsrep_provider_vendor", "wsrep_provider_version", "wsrep_ready", "wsrep_thread_count");

    private WsrepStatus() {
    }

    /**
     * The variables of {@code n} at {@code now} ({@code donor}: a joiner takes its state from it; {@code
     * ready}: it takes queries), in the order MariaDB prints them ({@link #ORDER}). The caller holds the
     * play's lock.
     */
    static Map<String, String> of(GaleraNode n, boolean donor, boolean ready, Instant now) {
        Map<String, String> s = new HashMap<>();
        GaleraComponent comp = n.comp;
        boolean primary = comp != null && comp.primary;
        boolean joining = n.phase == Phase.JOINING;
        // Out of a Primary component a node is back in Galera's first state, whatever it was.
        String comment = !primary && comp != null ? "Initialized" : joining ? "Joining: receiving State Transfer"
                : donor ? "Donor/Desynced" : "Synced";
        int state = !primary && comp != null ? 0 : joining ? 1 : donor ? 2 : 4;
        long seqno = comp == null ? n.position : joining ? n.position : comp.seqno(now);
        long uptime = Math.max(1, Duration.between(n.since, now).getSeconds());
        s.put("wsrep_apply_oooe", "0.000000");
        s.put("wsrep_apply_oool", "0.000000");
        s.put("wsrep_apply_window", "1.000000");
        s.put("wsrep_causal_reads", "0");
        s.put("wsrep_cert_deps_distance", "1.000000");
        s.put("wsrep_cert_index_size", "12");
        s.put("wsrep_cert_interval", "0.000000");
        s.put("wsrep_cluster_conf_id", !primary ? "18446744073709551615" : String.valueOf(comp.confId));
        s.put("wsrep_cluster_size", String.valueOf(comp == null ? 0 : comp.members.size()));
        s.put("wsrep_cluster_state_uuid", comp == null ? "" : comp.uuid);
        s.put("wsrep_cluster_status", primary ? "Primary" : "non-Primary");
        s.put("wsrep_commit_oooe", "0.000000");
        s.put("wsrep_commit_oool", "0.000000");
        s.put("wsrep_commit_window", "1.000000");
        s.put("wsrep_connected", comp == null ? "OFF" : "ON");
        s.put("wsrep_desync_count", donor ? "1" : "0");
        s.put("wsrep_evs_delayed", "");
        s.put("wsrep_evs_evict_list", "");
        s.put("wsrep_evs_repl_latency", "0/0/0/0/0");
        s.put("wsrep_evs_state", comp == null ? "CLOSED" : "OPERATIONAL");
        s.put("wsrep_flow_control_paused", "0.000000");
        s.put("wsrep_flow_control_paused_ns", "0");
        s.put("wsrep_flow_control_recv", "0");
        s.put("wsrep_flow_control_sent", "0");
        s.put("wsrep_gcomm_uuid", UUID.nameUUIDFromBytes((n.host + n.since).getBytes(StandardCharsets.UTF_8)).toString());
        s.put("wsrep_incoming_addresses", comp == null ? "" : String.join(",",
                comp.members.stream().map(h -> h + ":3306").toList()));
        s.put("wsrep_last_committed", String.valueOf(seqno));
        s.put("wsrep_local_bf_aborts", "0");
        s.put("wsrep_local_cached_downto", String.valueOf(Math.max(1, seqno - GaleraPlay.GCACHE_WRITESETS)));
        s.put("wsrep_local_cert_failures", "0");
        s.put("wsrep_local_commits", String.valueOf(uptime / 20));
        s.put("wsrep_local_index", comp == null ? "18446744073709551615" : String.valueOf(comp.members.indexOf(n.host)));
        s.put("wsrep_local_recv_queue", "0");
        s.put("wsrep_local_recv_queue_avg", "0.000000");
        s.put("wsrep_local_recv_queue_max", "1");
        s.put("wsrep_local_recv_queue_min", "0");
        s.put("wsrep_local_replays", "0");
        s.put("wsrep_local_send_queue", "0");
        s.put("wsrep_local_send_queue_avg", "0.000000");
        s.put("wsrep_local_send_queue_max", "1");
        s.put("wsrep_local_send_queue_min", "0");
        s.put("wsrep_local_state", String.valueOf(state));
        s.put("wsrep_local_state_comment", comment);
        s.put("wsrep_local_state_uuid", comp == null ? "" : comp.uuid);
        s.put("wsrep_protocol_version", "7");
        s.put("wsrep_provider_name", "Galera");
        s.put("wsrep_provider_vendor", "Codership Oy <info@codership.com>");
        s.put("wsrep_provider_version", MariadbVersions.galera(n.release));
        s.put("wsrep_ready", ready ? "ON" : "OFF");
        s.put("wsrep_received", String.valueOf(uptime / 10));
        s.put("wsrep_received_bytes", String.valueOf(uptime * 51));
        s.put("wsrep_repl_data_bytes", String.valueOf(uptime * 40));
        s.put("wsrep_repl_keys", String.valueOf(uptime / 5));
        s.put("wsrep_repl_keys_bytes", String.valueOf(uptime * 3));
        s.put("wsrep_repl_other_bytes", "0");
        s.put("wsrep_replicated", String.valueOf(uptime / 20));
        s.put("wsrep_replicated_bytes", String.valueOf(uptime * 45));
        s.put("wsrep_thread_count", "5");
        Map<String, String> ordered = new LinkedHashMap<>();
        ORDER.forEach(k -> ordered.put(k, s.get(k)));
        return ordered;
    }
}
