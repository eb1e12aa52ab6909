package dev.belay.lab.play;

import java.util.Set;

/**
 * One simulated tool (or a family: {@code reboot}, {@code shutdown} and {@code kexec} may share one
 * play). A play answers as the real tool does when not on a terminal (same columns, separators,
 * headers and wording) over the shared {@link Cluster} state, and may block for lab-clock time.
 */
public interface Play {

    /** The command names (base names, e.g. {@code docker}) this play answers. */
    Set<String> commands();

    PlayResult run(Call call) throws InterruptedException;
}
