package dev.belay.runbook;

import java.math.BigDecimal;

/**
 * A check on a command's result. Regexes are kept as source text (the validator proves they
 * compile) so that records compare by value.
 */
public sealed interface Expectation {

    record Exit(int code) implements Expectation {
    }

    record Contains(String text) implements Expectation {
    }

    record NotContains(String text) implements Expectation {
    }

    /** Found anywhere in the output, with MULTILINE. */
    record Matches(String regex) implements Expectation {
    }

    /** The first group of {@code regex}, read as a number, within the bounds given (null = unbounded). */
    record NumberCheck(String regex, BigDecimal min, BigDecimal max, BigDecimal eq) implements Expectation {
    }

    /** The JSON value at {@code pointer} (RFC 6901), as text, equals {@code equalsText}. */
    record Json(String pointer, String equalsText) implements Expectation {
    }

    /** Stores the first group of {@code regex} per host as {@code name}; fails when it does not match. */
    record Capture(String name, String regex) implements Expectation {
    }
}
