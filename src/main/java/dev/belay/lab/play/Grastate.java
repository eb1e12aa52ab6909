package dev.belay.lab.play;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Galera's saved state file, {@code grastate.dat}, as Galera 3 writes it. */
public record Grastate(String uuid, long seqno, boolean safeToBootstrap) {

    public static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";

    private static final Pattern UUID = Pattern.compile("(?m)^uuid:\\s*(\\S+)");
    private static final Pattern SEQNO = Pattern.compile("(?m)^seqno:\\s*(-?\\d+)");
    private static final Pattern SAFE = Pattern.compile("(?m)^safe_to_bootstrap:\\s*(\\d+)");

    public String render() {
        return "# GALERA saved state\n"
                + "version: 2.1\n"
                + "uuid:    " + uuid + "\n"
                + "seqno:   " + seqno + "\n"
                + "safe_to_bootstrap: " + (safeToBootstrap ? 1 : 0) + "\n";
    }

    /** Reads a grastate.dat as Galera does: a missing uuid is the zero uuid, a missing seqno -1. */
    public static Optional<Grastate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher u = UUID.matcher(text);
        Matcher s = SEQNO.matcher(text);
        Matcher b = SAFE.matcher(text);
        return Optional.of(new Grastate(u.find() ? u.group(1) : ZERO_UUID,
                s.find() ? Long.parseLong(s.group(1)) : -1,
                !b.find() || b.group(1).equals("1")));
    }
}
