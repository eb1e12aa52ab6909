package dev.belay.ssh.trust;

/** Asks the user what to do with a host key found in no known_hosts file. */
@FunctionalInterface
public interface HostKeyPrompt {
    Answer ask(UnknownHostKey key);

    /** The three answers a user can give to an unknown host key. */
    enum Answer { REJECT, ACCEPT_ONCE, ACCEPT_AND_REMEMBER }

    /** What the user is shown: host as known_hosts names it, key type and SHA256 fingerprint. */
    record UnknownHostKey(String host, String keyType, String fingerprint) { }

    /** The safe default when nobody can be asked. */
    HostKeyPrompt REJECT_ALL = key -> Answer.REJECT;
}
