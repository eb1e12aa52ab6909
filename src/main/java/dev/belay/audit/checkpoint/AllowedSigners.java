package dev.belay.audit.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OpenSSH's allowed_signers file (ssh-keygen(1), "ALLOWED SIGNERS"): {@code principals [options]
 * keytype base64-key [comment]}. Principals are comma-separated patterns ({@code *}, {@code ?},
 * {@code !negation}); the options honoured are {@code namespaces="..."} and {@code cert-authority}
 * (certificate authorities are not supported here: such lines never match a plain key).
 */
public final class AllowedSigners {
    private record Entry(List<String> principals, List<String> namespaces, boolean certAuthority, byte[] key) { }

    private final Path file;
    private final List<Entry> entries;

    private AllowedSigners(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    public Path file() {
        return file;
    }

    public static AllowedSigners read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            List<String> tokens = tokens(t);
            if (tokens.size() < 3) {
                throw new IOException(file + " line " + lineNo + ": expected 'principals [options] keytype key'");
            }
            int k = isKeyType(tokens.get(1)) ? 1 : 2;
            if (tokens.size() < k + 2) {
                throw new IOException(file + " line " + lineNo + ": no key after the options");
            }
            List<String> namespaces = List.of();
            boolean ca = false;
            if (k == 2) {
                for (String opt : tokens.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                    if (opt.equalsIgnoreCase("cert-authority")) {
                        ca = true;
                    } else if (opt.toLowerCase(java.util.Locale.ROOT).startsWith("namespaces=")) {
                        namespaces = List.of(unquote(opt.substring("namespaces=".length())).split(","));
                    }
                }
            }
            try {
                entries.add(new Entry(List.of(tokens.get(0).split(",")), namespaces, ca,
                        Base64.getDecoder().decode(tokens.get(k + 1))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + lineNo + ": the key is not base64");
            }
        }
        return new AllowedSigners(file, entries);
    }

    /** True if {@code identity} may sign in {@code namespace} with {@code key}. */
    public boolean allows(String identity, byte[] key, String namespace) {
        for (Entry e : entries) {
            if (!e.certAuthority() && Arrays.equals(e.key(), key) && matches(e.principals(), identity)
                    && (e.namespaces().isEmpty() || matches(e.namespaces(), namespace))) {
                return true;
            }
        }
        return false;
    }

    /** Some entry holds {@code key}, under whatever principal. */
    public boolean knowsKey(byte[] key) {
        return entries.stream().anyMatch(e -> Arrays.equals(e.key(), key));
    }

    private static boolean matches(List<String> patterns, String value) {
        boolean any = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1)).matcher(value).matches()) {
                    return false;
                }
            } else if (glob(p).matcher(value).matches()) {
                any = true;
            }
        }
        return any;
    }

    private static Pattern glob(String p) {
        StringBuilder r = new StringBuilder();
        for (char c : p.toCharArray()) {
            r.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(r.toString());
    }

    private static boolean isKeyType(String t) {
        return t.startsWith("ssh-") || t.startsWith("ecdsa-") || t.startsWith("sk-") || t.startsWith("rsa-");
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Splits on whitespace outside double quotes. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }
}
