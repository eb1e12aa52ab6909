package dev.belay.lab;

import dev.belay.lab.play.CommandPlayer;
import dev.belay.lab.play.PlayResult;
import dev.belay.lab.play.PowerListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real player for the lab's dispatch tests: {@code echo-played ARGS} answers its host, its
 * arguments and its standard input; {@code --exit=N} sets the exit status and {@code --err=TEXT}
 * writes TEXT to stderr. Hosts can be powered down and up like the cluster's.
 */
final class EchoPlayer implements CommandPlayer {

    static final String COMMAND = "echo-played";

    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();

    static PracticeLab.PlayerFactory factory(EchoPlayer[] made) {
        return (topology, clock, faults) -> {
            made[0] = new EchoPlayer();
            return made[0];
        };
    }

    @Override
    public Set<String> commands() {
        return Set.of(COMMAND);
    }

    @Override
    public PlayResult run(String host, List<String> argv, String stdin) {
        int exit = 0;
        StringBuilder err = new StringBuilder();
        StringBuilder out = new StringBuilder(host + ":");
        for (String a : argv.subList(1, argv.size())) {
            if (a.startsWith("--exit=")) {
                exit = Integer.parseInt(a.substring("--exit=".length()));
            } else if (a.startsWith("--err=")) {
                err.append(a.substring("--err=".length())).append('\n');
            } else {
                out.append(' ').append(a);
            }
        }
        out.append('\n').append(stdin);
        return new PlayResult(out.toString(), err.toString(), exit);
    }

    @Override
    public boolean isUp(String host) {
        return !down.contains(host);
    }

    @Override
    public void addPowerListener(PowerListener listener) {
        listeners.add(listener);
    }

    void powerDown(String host) {
        down.add(host);
        listeners.forEach(l -> l.wentDown(host));
    }

    void powerUp(String host) {
        down.remove(host);
        listeners.forEach(l -> l.cameUp(host));
    }
}
