package dev.belay.lab.play;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Each lab host's power: up or down, its running kernel and its boot id (a new one at every boot,
 * as {@code /proc/sys/kernel/random/boot_id}). The host plays (reboot, shutdown, kexec) drive it;
 * the lab's SSH server listens, dropping a host's connections when it goes down and refusing logins
 * until it is up again.
 */
public final class Power {

    /** One host's power state. */
    public record HostPower(boolean up, String kernel, String bootId) {
    }

    private final Map<String, HostPower> hosts = new LinkedHashMap<>();
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();

    Power(List<String> hostNames, String kernel) {
        hostNames.forEach(h -> hosts.put(h, new HostPower(true, kernel, newBootId())));
    }

    public synchronized HostPower of(String host) {
        HostPower p = hosts.get(host);
        if (p == null) {
            throw new IllegalArgumentException("no lab host " + host);
        }
        return p;
    }

    public boolean isUp(String host) {
        return of(host).up();
    }

    public void goDown(String host) {
        synchronized (this) {
            HostPower p = of(host);
            if (!p.up()) {
                return;
            }
            hosts.put(host, new HostPower(false, p.kernel(), p.bootId()));
        }
        listeners.forEach(l -> l.wentDown(host));
    }

    /** Boots {@code host} into {@code kernel} with a new boot id. */
    public void comeUp(String host, String kernel) {
        synchronized (this) {
            hosts.put(host, new HostPower(true, kernel, newBootId()));
        }
        listeners.forEach(l -> l.cameUp(host));
    }

    public void addListener(PowerListener listener) {
        listeners.add(listener);
    }

    synchronized void reset(String kernel) {
        hosts.replaceAll((h, p) -> new HostPower(true, kernel, newBootId()));
    }

    private static String newBootId() {
        return UUID.randomUUID().toString();
    }
}
