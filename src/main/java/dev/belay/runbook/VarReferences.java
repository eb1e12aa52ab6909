package dev.belay.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one {@code ${var}} grammar: the validator, plan-time and per-host substitution, the dry run and
 * the step runner's {@code when:} all read references through this class. A reference is
 * {@code ${NAME}} (NAME: a letter or {@code _}, then letters, digits, {@code _}) or
 * {@code ${host.KEY}}; anything else between {@code ${} and {@code }} (spaces included:
 * {@code ${ greeting }}) is a malformed reference, which the validator reports and substitution never
 * touches. {@code $name} and {@code $(...)} without braces belong to the remote shell and are not
 * references.
 */
public final class VarReferences {

    private static final Pattern REF = Pattern.compile("\\$\\{([^}\\n]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST_NAME = Pattern.compile("host\\.[A-Za-z_][A-Za-z0-9_.-]*");

    /** One {@code ${...}} occurrence, name exactly as written; {@code start}/{@code end} span the whole {@code ${...}}. */
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
            refs.add(new Ref(m.group(1), m.start(), m.end()));
        }
        return refs;
    }

    /**
     * {@code text} with each well-formed reference replaced by {@code value.apply(ref)}; a null
     * result, and every malformed reference, stays as written.
     */
    public static String replace(String text, Function<Ref, String> value) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Ref ref : find(text)) {
            String v = ref.wellFormed() ? value.apply(ref) : null;
            out.append(text, at, ref.start()).append(v == null ? text.substring(ref.start(), ref.end()) : v);
            at = ref.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
