package dev.belay.lab.play;

import java.time.Instant;

/** One host's Galera node, as {@link GaleraPlay} changes it under its lock. */
final class GaleraNode {

    enum Phase { DOWN, WAITING, JOINING, SYNCED }

    final String host;
    Phase phase = Phase.DOWN;
    String unit = "mariadb";
    String release;
    GaleraComponent comp;
    Instant since;
    Instant readyAt;
    Instant transferEnds;
    Instant waitEnds;
    String donor;
    boolean crashed;
    long position;
    String upgradedTo;
    /** The grastate.dat this play last wrote; a file that differs was edited by the operator. */
    String lastWritten;
    /** When {@code galera-member-crash} kills this node: at the next catch-up, outside the start or stop that caused it. */
    Instant killAt;

    GaleraNode(String host) {
        this.host = host;
    }
}
