package dev.belay.runbook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses host selectors: {@code role}, {@code role[0]}, {@code role[1:]}, {@code role[1:3]}, {@code role | max(var)}. */
public final class Selectors {

    private static final Pattern BASE = Pattern.compile("([A-Za-z0-9_.-]+)\\s*(?:\\[([^\\]]*)])?");
    private static final Pattern INDEX = Pattern.compile("\\s*(\\d{1,6})?\\s*(:)?\\s*(\\d{1,6})?\\s*");
    private static final Pattern FUNCTION = Pattern.compile("(max|min)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");

    private Selectors() {
    }

    /** Parses {@code text}; the exception message says what is wrong and what is allowed. */
    public static Selector parse(String text) {
        String t = text == null ? "" : text.strip();
        int bar = t.indexOf('|');
        Selector base = parseBase(bar < 0 ? t : t.substring(0, bar).strip(), t);
        if (bar < 0) {
            return base;
        }
        String fn = t.substring(bar + 1).strip();
        Matcher m = FUNCTION.matcher(fn);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad selector function '" + fn + "' in '" + t
                    + "': use '| max(VAR)' or '| min(VAR)' with a captured VAR");
        }
        return new Selector.Extremum(base, m.group(2), m.group(1).equals("max"));
    }

    private static Selector parseBase(String s, String whole) {
        Matcher m = BASE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad selector '" + whole
                    + "': write a role or host name, role[0], role[1:], role[1:3] or 'role | max(VAR)'");
        }
        String name = m.group(1);
        if (m.group(2) == null) {
            return new Selector.Named(name);
        }
        Matcher ix = INDEX.matcher(m.group(2));
        if (!ix.matches() || (ix.group(1) == null && ix.group(2) == null)) {
            throw new IllegalArgumentException("bad index '[" + m.group(2) + "]' in selector '" + whole
                    + "': use " + name + "[0], " + name + "[1:] or " + name + "[1:3]");
        }
        int start = ix.group(1) == null ? 0 : Integer.parseInt(ix.group(1));
        if (ix.group(2) == null) {
            return new Selector.Slice(name, start, start + 1, true);
        }
        Integer end = ix.group(3) == null ? null : Integer.valueOf(ix.group(3));
        if (end != null && end <= start) {
            throw new IllegalArgumentException("empty slice '[" + m.group(2) + "]' in selector '" + whole
                    + "': the end must be greater than the start");
        }
        return new Selector.Slice(name, start, end, false);
    }
}
