package dev.belay.ssh.trust;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host-key trust over the user's OpenSSH known_hosts and Belay's own one, built on sshj's
 * {@link OpenSSHKnownHosts} (which handles hashed entries, patterns and markers). Unknown keys go to
 * the {@link HostKeyPrompt}; changed keys are always refused. One instance serves one connection,
 * so {@link #refusal()} tells the connector why sshj's handshake failed; the files' parsed lines are
 * shared by every instance ({@link KnownHostsFiles}).
 */
public final class KnownHostsVerifier extends OpenSSHKnownHosts {
    /** Serialises prompts and appends across connections, so two fan-out workers never ask twice. */
    private static final Object REMEMBER_LOCK = new Object();

    private final Path userFile;
    private final Path belayFile;
    private final HostKeyPrompt prompt;
    private final HostKeyListener listener;
    private final Map<KnownHostEntry, KnownHostsFiles.Line> locations = new IdentityHashMap<>();
    /** A decision sshj asked for while {@link KnownHostsFiles#MATCHING} was held, taken once it is released. */
    private Supplier<Boolean> pending;
    private volatile HostKeyRefused refusal;

    public KnownHostsVerifier(Path userFile, Path belayFile, HostKeyPrompt prompt, HostKeyListener listener)
            throws IOException {
        super(new StringReader(""));
        this.userFile = userFile;
        this.belayFile = belayFile;
        this.prompt = prompt;
        this.listener = listener;
        load(userFile);
        load(belayFile);
    }

    public Optional<HostKeyRefused> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        hookDecided = false;
        pending = null;
        boolean ok;
        synchronized (KnownHostsFiles.MATCHING) {
            ok = super.verify(hostname, port, key);
        }
        if (pending != null) {
            // A prompt may wait minutes for the operator: never while other connections need the entries.
            return pending.get();
        }
        if (ok && !hookDecided) {
            String host = adjust(hostname, port);
            listener.onDecision(new HostKeyDecision.Known(host, KeyType.fromKey(key).toString(),
                    Fingerprints.sha256(key), matchingFile(host, key).orElse(null)));
        }
        return ok;
    }

    /** Set when a hook already reported the decision, so verify() does not report "known" too. */
    private boolean hookDecided;

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        synchronized (KnownHostsFiles.MATCHING) {
            return super.findExistingAlgorithms(hostname, port);
        }
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String host, PublicKey key) {
        hookDecided = true;
        pending = () -> unverifiable(host, key);
        return false;
    }

    private boolean unverifiable(String host, PublicKey key) {
        String type = KeyType.fromKey(key).toString();
        String fingerprint = Fingerprints.sha256(key);
        synchronized (REMEMBER_LOCK) {
            Optional<Path> rememberedMeanwhile = rememberedSinceLoad(host, key);
            if (rememberedMeanwhile.isPresent()) {
                listener.onDecision(new HostKeyDecision.Known(host, type, fingerprint, rememberedMeanwhile.get()));
                return true;
            }
            HostKeyPrompt.Answer answer = prompt.ask(new HostKeyPrompt.UnknownHostKey(host, type, fingerprint));
            switch (answer == null ? HostKeyPrompt.Answer.REJECT : answer) {
                case ACCEPT_ONCE -> {
                    listener.onDecision(new HostKeyDecision.AcceptedOnce(host, type, fingerprint));
                    return true;
                }
                case ACCEPT_AND_REMEMBER -> {
                    return remember(host, key, type, fingerprint);
                }
                default -> {
                    HostKeyDecision.Rejected rejected = new HostKeyDecision.Rejected(host, type, fingerprint);
                    refusal = new HostKeyRefused("Host key for " + host + " (" + type + " "
                            + fingerprint + ") is not known and was rejected; nothing was sent to the host.",
                            rejected);
                    listener.onDecision(rejected);
                    return false;
                }
            }
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String host, PublicKey key) {
        hookDecided = true;
        pending = () -> changed(host, key);
        return false;
    }

    private boolean changed(String host, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        String fingerprint = Fingerprints.sha256(key);
        KnownHostsFiles.Line where;
        synchronized (KnownHostsFiles.MATCHING) {
            where = locations.get(entries().stream().filter(e -> applies(e, type, host)).findFirst().orElseThrow());
        }
        String oldFingerprint = where.fingerprint();
        HostKeyDecision.Changed changed = new HostKeyDecision.Changed(host, type.toString(), fingerprint,
                oldFingerprint, where.file(), where.number());
        refusal = new HostKeyRefused("HOST KEY CHANGED for " + host + " (" + type + "): known as "
                + oldFingerprint + " but the host now offers " + fingerprint + ". This may be an attack. If the "
                + "change is expected, delete line " + where.number() + " of " + where.file()
                + " (ssh-keygen -R '" + host + "' -f " + where.file() + ") and connect again.", changed);
        listener.onDecision(changed);
        return false;
    }

    private boolean remember(String host, PublicKey key, String type, String fingerprint) {
        try {
            HostEntry entry = new HostEntry(null, host, KeyType.fromKey(key), key, "");
            Path parent = belayFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(belayFile, entry.getLine().strip() + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            listener.onDecision(new HostKeyDecision.Remembered(host, type, fingerprint, belayFile));
            return true;
        } catch (IOException e) {
            // The user trusted the key, so connect; but say it was not saved, or they'll be asked again.
            listener.onDecision(new HostKeyDecision.AcceptedOnce(host, type, fingerprint));
            org.slf4j.LoggerFactory.getLogger(KnownHostsVerifier.class)
                    .warn("Could not append the host key of {} to {}: {}", host, belayFile, e.toString());
            return true;
        }
    }

    private Optional<Path> rememberedSinceLoad(String host, PublicKey key) {
        try {
            KnownHostsVerifier fresh = new KnownHostsVerifier(userFile, belayFile, prompt, listener);
            return fresh.matchingFile(host, key);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> matchingFile(String host, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        synchronized (KnownHostsFiles.MATCHING) {
            return entries().stream()
                    .filter(e -> applies(e, type, host) && verifies(e, key))
                    .map(e -> locations.get(e).file())
                    .findFirst();
        }
    }

    private void load(Path file) throws IOException {
        for (KnownHostsFiles.Line line : KnownHostsFiles.lines(file)) {
            entries().add(line.entry());
            locations.put(line.entry(), line);
        }
    }

    private static boolean applies(KnownHostEntry e, KeyType type, String host) {
        try {
            return e.appliesTo(type, host);
        } catch (IOException ex) {
            return false;
        }
    }

    private static boolean verifies(KnownHostEntry e, PublicKey key) {
        try {
            return e.verify(key);
        } catch (IOException ex) {
            return false;
        }
    }

    private static String adjust(String hostname, int port) {
        String lower = hostname.toLowerCase(java.util.Locale.ROOT);
        return port != 22 ? "[" + lower + "]:" + port : lower;
    }
}
