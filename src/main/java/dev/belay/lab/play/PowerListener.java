package dev.belay.lab.play;

/**
 * Hears a lab host go down (reboot, shutdown, kexec) and come back. The lab's SSH server uses it to
 * drop the host's connections and refuse its logins while it is down.
 */
public interface PowerListener {

    void wentDown(String host);

    void cameUp(String host);
}
