package dev.belay.lab.play;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A component: the nodes that replicate together, and its history. It is Primary until it loses
 * quorum: a member that vanishes without leaving (killed, powered off) takes its vote with it, and
 * the members left are non-Primary unless they are more than half of the component before. A clean
 * stop leaves (the others recount without it), so stopping nodes one at a time keeps the last Primary.
 * {@link GaleraPlay} changes it under its lock.
 */
final class GaleraComponent {

    /** OpenStack's background write load: one writeset every ten lab seconds. */
    static final double WRITES_PER_SECOND = 0.1;

    final String uuid;
    final long base;
    final Instant since;
    long writes;
    int confId = 1;
    final List<String> members = new ArrayList<>();
    /** False once the component lost quorum: no writes, no joins, clients refused. */
    boolean primary = true;
    /** When it lost quorum: its seqno stops there. */
    Instant frozenAt;

    GaleraComponent(String uuid, long base, Instant since) {
        this.uuid = uuid;
        this.base = base;
        this.since = since;
    }

    /** The last writeset committed by {@code now}: the writes counted, and the background load since it formed. */
    long seqno(Instant now) {
        Instant until = frozenAt != null && frozenAt.isBefore(now) ? frozenAt : now;
        return base + writes + (long) (Math.max(0, Duration.between(since, until).getSeconds()) * WRITES_PER_SECOND);
    }
}
