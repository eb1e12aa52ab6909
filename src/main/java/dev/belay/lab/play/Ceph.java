package dev.belay.lab.play;

import dev.belay.lab.LabTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Placeholder, replaced by the Ceph state in the next commit. */
public final class Ceph {
    private final Cluster cluster;

    Ceph(Cluster cluster) {
        this.cluster = cluster;
    }

    static List<Integer> osdIds(LabTopology t, String host) {
        int i = t.role("ceph_osds").indexOf(host);
        return i < 0 ? List.of() : List.of(2 * i, 2 * i + 1);
    }

    void listen() {
    }

    void seed() {
    }

    PlayResult sysvinit(String host, String action, List<String> what) {
        return PlayResult.fail(1, "not yet");
    }

    Map<String, String> files(String host) {
        return new LinkedHashMap<>();
    }
}
