package dev.belay.lab;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The faults active in a lab now. Faults are injected at start or while a run is live, and cleared
 * by a reset; listeners hear of each change (the lab panel shows them; plays react to some at once,
 * such as {@code container-exits}).
 */
public final class FaultSet {

    private final CopyOnWriteArrayList<Fault> active = new CopyOnWriteArrayList<>();
    private final List<Consumer<Fault>> listeners = new CopyOnWriteArrayList<>();

    public FaultSet() {
    }

    public FaultSet(List<Fault> initial) {
        active.addAll(initial);
    }

    /** Injects {@code fault} (once: injecting the same fault again changes nothing). */
    public void inject(Fault fault) {
        if (active.addIfAbsent(fault)) {
            listeners.forEach(l -> l.accept(fault));
        }
    }

    public void clear() {
        active.clear();
    }

    /** Whether a fault of {@code kind} strikes {@code host} now. */
    public boolean has(FaultKind kind, String host) {
        return find(kind, host).isPresent();
    }

    /** Whether a cluster-wide fault of {@code kind} is active. */
    public boolean has(FaultKind kind) {
        return active.stream().anyMatch(f -> f.kind() == kind);
    }

    /** The active fault of {@code kind} that strikes {@code host}, if any. */
    public Optional<Fault> find(FaultKind kind, String host) {
        return active.stream().filter(f -> f.kind() == kind && f.strikes(host)).findFirst();
    }

    public List<Fault> all() {
        return List.copyOf(active);
    }

    /** {@code listener} hears of every fault injected from now on. */
    public void onInject(Consumer<Fault> listener) {
        listeners.add(listener);
    }
}
