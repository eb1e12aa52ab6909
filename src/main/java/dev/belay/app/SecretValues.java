package dev.belay.app;

import dev.belay.engine.Plan;
import dev.belay.engine.PlanException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one rule on secret values, checked before any run starts (CLI and desktop alike): a secret
 * shorter than {@value #MIN_LENGTH} characters is refused. Every occurrence of a secret is masked in
 * output and the audit log, so a one-letter secret would mangle unrelated words ("exit" with the
 * secret "x" reads "e******it") and hide nothing worth hiding.
 */
public final class SecretValues {

    public static final int MIN_LENGTH = 4;

    private SecretValues() {
    }

    /** Why {@code value} cannot be the secret {@code name}, or null when it can. */
    public static String problem(String name, String value) {
        if (value == null || value.isEmpty() || value.length() >= MIN_LENGTH) {
            return null;
        }
        return "secret " + name + " is " + value.length() + " character" + (value.length() == 1 ? "" : "s")
                + " long; Belay needs at least " + MIN_LENGTH + ": every occurrence of a secret is masked, and one this"
                + " short would mask parts of unrelated output. Give the real value.";
    }

    /** Throws {@link PlanException} naming the first secret var of {@code plan} that is too short. */
    public static void check(Plan plan) {
        for (Map.Entry<String, String> v : new TreeMap<>(plan.vars()).entrySet()) {
            String p = plan.secretNames().contains(v.getKey()) ? problem(v.getKey(), v.getValue()) : null;
            if (p != null) {
                throw new PlanException("--var " + v.getKey() + ": " + p);
            }
        }
    }
}
