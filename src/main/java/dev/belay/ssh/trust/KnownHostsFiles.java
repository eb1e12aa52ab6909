package dev.belay.ssh.trust;

import dev.belay.ssh.FileVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * The parsed lines of known_hosts files, kept while a file stays the same (its inode, size and
 * modification time). Every connection builds its own {@link KnownHostsVerifier}; parsing the file for
 * each one cost a key decoding and a fingerprint per line per connection (200 hosts listed, 200 hosts
 * connected: 40,000 of each). Now a file is parsed once per change: an appended key (a remembered
 * host) changes its size, so the next connection reads it again, and a file changed in the last
 * second is read again every time.
 *
 * <p>sshj's hashed-host matchers share a {@code Mac} and are not thread-safe: whoever matches these
 * shared entries holds {@link #MATCHING} (a scan of a few hundred entries, never a prompt).
 */
final class KnownHostsFiles {

    /** Held while matching shared entries against a host (see the class comment). */
    static final Object MATCHING = new Object();

    /** A host-key line, where it came from, and the SHA256 fingerprint of its key (for the changed-key message). */
    record Line(KnownHostEntry entry, Path file, int number, String fingerprint) { }

    private record Parsed(FileVersion version, List<Line> lines) { }

    private static final long RACY_MILLIS = 1000;
    /** A handful of files per process (the user's, Belay's, a lab's): the oldest goes past that. */
    private static final int KEPT = 16;
    private static final Map<Path, Parsed> CACHE = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Parsed> eldest) {
            return size() > KEPT;
        }
    };

    private KnownHostsFiles() {
    }

    /** The host-key lines of {@code file} (none if it does not exist), parsed once per version of the file. */
    static List<Line> lines(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        Path key = file;
        FileVersion now = FileVersion.of(key);
        synchronized (CACHE) {
            Parsed cached = CACHE.get(key);
            if (cached != null && cached.version().equals(now)) {
                return cached.lines();
            }
        }
        List<Line> lines = parse(key);
        // Like git's racy-clean rule: a file changed within the last second may change again within the
        // same timestamp and size (a rewritten line), so it is not kept until it has settled.
        if (System.currentTimeMillis() - now.modified().toMillis() > RACY_MILLIS) {
            synchronized (CACHE) {
                CACHE.put(key, new Parsed(now, lines));
            }
        }
        return lines;
    }

    private static List<Line> parse(Path file) throws IOException {
        OpenSSHKnownHosts.EntryFactory factory = new OpenSSHKnownHosts(new java.io.StringReader("")).new EntryFactory();
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            try {
                KnownHostEntry entry = factory.parseEntry(text.get(i));
                if (entry instanceof OpenSSHKnownHosts.HostEntry) {
                    lines.add(new Line(entry, file, i + 1, fingerprintOf(text.get(i))));
                }
            } catch (IOException | RuntimeException unreadable) {
                // OpenSSH also skips lines it cannot parse; a bad line must not lock the user out.
            }
        }
        return List.copyOf(lines);
    }

    private static String fingerprintOf(String line) {
        String[] fields = line.trim().split("\\s+");
        int blob = fields[0].startsWith("@") ? 3 : 2;
        try {
            return Fingerprints.sha256(java.util.Base64.getDecoder().decode(fields[blob]));
        } catch (RuntimeException e) {
            return "(unreadable key)";
        }
    }
}
