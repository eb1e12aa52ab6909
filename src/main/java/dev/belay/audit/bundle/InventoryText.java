package dev.belay.audit.bundle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets an inventory file may hold before it leaves in a bundle. The audit log never saw
 * the inventory's values, so masking goes by key name, in both syntaxes an inventory comes in:
 * {@code key: value} (YAML) and {@code key=value} (Ansible INI). A key counts as secret when its name
 * says pass, secret, token, credential or a key that is not a file path ({@code ansible_ssh_private_key_file}
 * stays: it is a path, not a key).
 */
public final class InventoryText {

    public static final String MASK = "******";

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)[A-Za-z0-9_.-]*(pass|secret|token|credential|api_?key|private_key(?!_file)|vault)[A-Za-z0-9_.-]*");
    private static final Pattern YAML_PAIR = Pattern.compile("^(\\s*-?\\s*\"?([A-Za-z0-9_.-]+)\"?\\s*:\\s+)(\\S.*)$");
    private static final Pattern INI_PAIR = Pattern.compile("(^|\\s)([A-Za-z0-9_.-]+)=(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern FLOW_PAIR = Pattern.compile("([{,]\\s*)([A-Za-z0-9_.-]+)(\\s*:\\s*)(\"[^\"]*\"|'[^']*'|[^,{}\\s][^,{}]*)");

    /** The text and how many values were masked. */
    public record Masked(String text, int count) { }

    private InventoryText() {
    }

    public static Masked mask(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int count = 0;
        for (String line : text.split("\n", -1)) {
            String masked = line;
            if (!line.stripLeading().startsWith("#")) {
                int[] n = {0};
                masked = replace(FLOW_PAIR, masked, m -> secret(m.group(2)) ? m.group(1) + m.group(2) + m.group(3)
                        + MASK : null, n);
                masked = replace(INI_PAIR, masked, m -> secret(m.group(2)) ? m.group(1) + m.group(2) + "=" + MASK : null, n);
                Matcher y = YAML_PAIR.matcher(masked);
                if (y.matches() && secret(y.group(2)) && !y.group(3).startsWith("{") && !y.group(3).equals(MASK)) {
                    masked = y.group(1) + MASK;
                    n[0]++;
                }
                count += n[0];
            }
            out.append(masked).append('\n');
        }
        out.setLength(out.length() - 1);
        return new Masked(out.toString(), count);
    }

    static boolean secret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    private static String replace(Pattern p, String line, java.util.function.Function<Matcher, String> f, int[] n) {
        Matcher m = p.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String r = f.apply(m);
            if (r != null) {
                n[0]++;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(r == null ? m.group() : r));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
