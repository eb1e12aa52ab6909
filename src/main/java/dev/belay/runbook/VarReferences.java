package dev.belay.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code ${name}} references in runbook text. {@code $name} and {@code $(...)} without braces
 * belong to the remote shell and are not references.
 */
public final class VarReferences {

    private static final Pattern REF = Pattern.compile("\\$\\{([^}\\n]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST_NAME = Pattern.compile("host\\.[A-Za-z_][A-Za-z0-9_.-]*");

    /** One {@code ${...}} occurrence; {@code start}/{@code end} span the whole {@code ${...}}. */
    public record Ref(String name, int start, int end) {

        /** A well-formed name: a var name or {@code host.KEY}. */
        public boolean wellFormed() {
            return NAME.matcher(name).matches() || HOST_NAME.matcher(name).matches();
        }

        /** Whether this is {@code ${host.KEY}}. */
        public boolean isHost() {
            return name.startsWith("host.");
        }

        /** KEY of {@code ${host.KEY}}, or null. */
        public String hostKey() {
            return isHost() ? name.substring(5) : null;
        }
    }

    private VarReferences() {
    }

    public static List<Ref> find(String text) {
        List<Ref> refs = new ArrayList<>();
        if (text == null) {
            return refs;
        }
        Matcher m = REF.matcher(text);
        while (m.find()) {
            refs.add(new Ref(m.group(1).strip(), m.start(), m.end()));
        }
        return refs;
    }
}
