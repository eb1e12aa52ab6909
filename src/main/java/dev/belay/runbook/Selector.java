package dev.belay.runbook;

/**
 * Which hosts a step runs on, as written in {@code on:}. Resolved against an inventory (and, for
 * {@link Extremum}, against captured values) only when the step starts.
 */
public sealed interface Selector {

    /** The selector as the author wrote it, for display and error messages. */
    String text();

    /** A role (all its hosts in inventory order) or, failing that, a host name. */
    record Named(String name) implements Selector {
        @Override
        public String text() {
            return name;
        }
    }

    /** {@code role[i]} (end == start + 1, single) or {@code role[start:end]}; a null end means "to the end". */
    record Slice(String role, int start, Integer end, boolean single) implements Selector {
        @Override
        public String text() {
            if (single) {
                return role + "[" + start + "]";
            }
            return role + "[" + start + ":" + (end == null ? "" : end) + "]";
        }
    }

    /** {@code base | max(var)} or {@code base | min(var)}: the one host whose captured value is extreme. */
    record Extremum(Selector base, String var, boolean max) implements Selector {
        @Override
        public String text() {
            return base.text() + " | " + (max ? "max" : "min") + "(" + var + ")";
        }
    }
}
