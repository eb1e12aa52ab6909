package dev.belay.lab.play;

import java.time.Instant;
import java.util.Set;

/**
 * One simulated tool (or a family: {@code reboot}, {@code shutdown} and {@code kexec} may share one
 * play). A play answers as the real tool does when not on a terminal (same columns, separators,
 * headers and wording) over the shared {@link Cluster} state, and may block for lab-clock time.
 *
 * <p>The three default hooks let each play family own its part of the cluster without the
 * {@link Cluster} knowing about it: {@link #attach} once (listeners), {@link #seed} at creation and
 * at every reset (the fresh state), {@link #catchUp} before every command (time-based transitions,
 * computed lazily from the lab clock instead of background threads).
 */
public interface Play {

    /** The command names (base names, e.g. {@code docker}) this play answers. */
    Set<String> commands();

    PlayResult run(Call call) throws InterruptedException;

    /** Called once when the cluster is made, before the first {@link #seed}: register listeners here. */
    default void attach(Cluster cluster) {
    }

    /**
     * Puts this play's part of the fresh cluster in place (services, files, its own state). Called
     * at creation and by {@link Cluster#reset()}, after the services table was emptied, in the
     * order of {@link Cluster}'s play list.
     */
    default void seed(Cluster cluster) {
    }

    /** Brings time-based state up to {@code now} (a state transfer that ended, a node that gave up). */
    default void catchUp(Instant now) {
    }
}
