package dev.belay.lab.play;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every service (a Kolla container or a host's systemd unit) on every lab host: its image, version,
 * whether it runs and since when. {@code docker} and {@code systemctl} plays change it; the service
 * plays (Galera, RabbitMQ, Ceph, ...) listen and react, so a node stopped on lab-2 shows as gone
 * from lab-1. Synchronized on the instance: plays on many hosts change it at once.
 */
public final class Services {

    /** One service on one host. {@code args} are the extra arguments it was last started with. */
    public record Unit(String host, String name, String image, String version, boolean running,
                       Instant since, List<String> args) {

        public Unit {
            args = List.copyOf(args);
        }

        Unit running(boolean now, Instant at, List<String> withArgs) {
            return new Unit(host, name, image, version, now, at, withArgs);
        }
    }

    /** Hears services start and stop; a listener may refuse a start by throwing {@link PlayFailure}. */
    public interface Listener {
        default void starting(Unit unit) throws PlayFailure {
        }

        default void started(Unit unit) {
        }

        default void stopped(Unit unit) {
        }
    }

    private final Map<String, Map<String, Unit>> byHost = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public synchronized Optional<Unit> get(String host, String name) {
        return Optional.ofNullable(byHost.getOrDefault(host, Map.of()).get(name));
    }

    public synchronized List<Unit> on(String host) {
        return new ArrayList<>(byHost.getOrDefault(host, Map.of()).values());
    }

    public synchronized boolean isRunning(String host, String name) {
        return get(host, name).map(Unit::running).orElse(false);
    }

    /** Creates (or replaces) a stopped service. */
    public synchronized Unit define(String host, String name, String image, String version, Instant at) {
        Unit u = new Unit(host, name, image, version, false, at, List.of());
        byHost.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, u);
        return u;
    }

    /**
     * Creates (or replaces) a service that already runs since {@code at}, without telling the
     * listeners: for seeding the fresh state, where nothing "starts".
     */
    public synchronized Unit defineRunning(String host, String name, String image, String version, Instant at,
                                           List<String> args) {
        Unit u = new Unit(host, name, image, version, true, at, args);
        byHost.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, u);
        return u;
    }

    /** Renames a service ({@code docker rename}); its state is kept and no listener hears of it. */
    public synchronized void rename(String host, String from, String to) throws PlayFailure {
        Map<String, Unit> units = byHost.getOrDefault(host, Map.of());
        Unit u = units.get(from);
        if (u == null) {
            throw new PlayFailure(1, "No such service: " + from);
        }
        if (units.containsKey(to)) {
            throw new PlayFailure(1, "A service named " + to + " already exists");
        }
        Map<String, Unit> reordered = new LinkedHashMap<>();
        units.forEach((k, v) -> {
            if (k.equals(from)) {
                reordered.put(to, new Unit(host, to, v.image(), v.version(), v.running(), v.since(), v.args()));
            } else {
                reordered.put(k, v);
            }
        });
        byHost.put(host, reordered);
    }

    public synchronized void remove(String host, String name) {
        Map<String, Unit> units = byHost.get(host);
        if (units != null) {
            units.remove(name);
        }
    }

    /**
     * One lock per service, held across a start or stop and its listeners: two hosts' commands that
     * restart the same service at once must not interleave one's "started" with the other's "stopped".
     */
    private final Map<String, Object> unitLocks = new java.util.concurrent.ConcurrentHashMap<>();

    private Object lockOf(String host, String name) {
        return unitLocks.computeIfAbsent(host + "/" + name, k -> new Object());
    }

    /** Starts {@code name} on {@code host}; listeners may refuse. Starting a running service changes nothing. */
    public Unit start(String host, String name, List<String> args, Instant at) throws PlayFailure {
        synchronized (lockOf(host, name)) {
            return startLocked(host, name, args, at);
        }
    }

    private Unit startLocked(String host, String name, List<String> args, Instant at) throws PlayFailure {
        Unit unit;
        synchronized (this) {
            unit = get(host, name).orElseThrow(() -> new PlayFailure(1, "No such service: " + name));
            if (unit.running()) {
                return unit;
            }
        }
        Unit starting = unit.running(true, at, args);
        for (Listener l : listeners) {
            l.starting(starting);
        }
        synchronized (this) {
            byHost.get(host).put(name, starting);
        }
        listeners.forEach(l -> l.started(starting));
        return starting;
    }

    /** Stops {@code name} on {@code host} (a stopped one stays stopped). */
    public void stop(String host, String name, Instant at) {
        synchronized (lockOf(host, name)) {
            stopLocked(host, name, at);
        }
    }

    private void stopLocked(String host, String name, Instant at) {
        Unit stopped;
        synchronized (this) {
            Unit unit = get(host, name).orElse(null);
            if (unit == null || !unit.running()) {
                return;
            }
            stopped = unit.running(false, at, unit.args());
            byHost.get(host).put(name, stopped);
        }
        listeners.forEach(l -> l.stopped(stopped));
    }

    /** Every service of {@code host} stops at once (the host went down); listeners hear each. */
    public void stopAll(String host, Instant at) {
        on(host).stream().filter(Unit::running).forEach(u -> stop(host, u.name(), at));
    }

    /** Changes the image and version (a pull plus recreate); the running state is kept. */
    public synchronized void setImage(String host, String name, String image, String version) {
        Unit u = get(host, name).orElseThrow();
        byHost.get(host).put(name, new Unit(host, name, image, version, u.running(), u.since(), u.args()));
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public synchronized void clear() {
        byHost.clear();
    }
}
