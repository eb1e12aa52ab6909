package dev.belay.engine;

import java.time.Instant;

/**
 * Something a step is waiting out, so a screen can count down instead of saying "running": a
 * {@code wait:} step ({@code kind} WAIT, no host), the pause before a {@code retry:} attempt
 * ({@code kind} RETRY) or before a {@code gate:} is checked again ({@code kind} GATE).
 * {@code giveUpAt} is when the retry's {@code within} runs out (null for a wait).
 */
public record Countdown(Kind kind, String host, int nextAttempt, Instant until, Instant giveUpAt) {

    public enum Kind { WAIT, RETRY, GATE }
}
