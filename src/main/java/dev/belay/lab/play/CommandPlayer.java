package dev.belay.lab.play;

import java.util.List;
import java.util.Set;

/**
 * What the lab's SSH side needs of the played cluster: which commands are played, how to run one,
 * and each host's power. {@link Cluster} is the one implementation the lab ships.
 */
public interface CommandPlayer {

    Set<String> commands();

    PlayResult run(String host, List<String> argv, String stdin) throws InterruptedException;

    boolean isUp(String host);

    void addPowerListener(PowerListener listener);
}
