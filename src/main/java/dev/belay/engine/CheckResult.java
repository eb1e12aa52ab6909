package dev.belay.engine;

/**
 * One expectation on one host: what it was, what was expected and what was seen. {@code captured}
 * is the value a capture stored (null otherwise).
 */
public record CheckResult(String expectation, boolean passed, String expected, String seen, String captureName,
                          String captured) {

    public static CheckResult of(String expectation, boolean passed, String expected, String seen) {
        return new CheckResult(expectation, passed, expected, seen, null, null);
    }
}
