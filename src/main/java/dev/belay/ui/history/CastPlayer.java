package dev.belay.ui.history;

import java.util.function.Consumer;

/**
 * Replay timing without a clock of its own: {@link #advance} moves the position by real elapsed
 * time times the speed and emits the frames passed; {@link #seek} rebuilds the screen up to a
 * point (a terminal reset, then every earlier frame at once). Thread-safe; no JavaFX.
 */
final class CastPlayer {

    /** Clears screen, scroll-back and modes: replaying from the start of a fresh terminal. */
    static final String RESET = "\u001bc\u001b[H\u001b[2J\u001b[3J";

    private final Asciicast cast;
    private final Consumer<String> screen;
    private double position;
    private int next;
    private double speed = 1;

    CastPlayer(Asciicast cast, Consumer<String> screen) {
        this.cast = cast;
        this.screen = screen;
    }

    synchronized void setSpeed(double speed) {
        if (speed <= 0) {
            throw new IllegalArgumentException("replay speed must be positive, was " + speed);
        }
        this.speed = speed;
    }

    synchronized double speed() {
        return speed;
    }

    /** Moves on by {@code realSeconds} of wall time; returns false once at the end. */
    synchronized boolean advance(double realSeconds) {
        position = Math.min(duration(), position + realSeconds * speed);
        emitUpTo(position);
        return !atEnd();
    }

    /** Jumps to {@code seconds}, redrawing from a fresh terminal when going back. */
    synchronized void seek(double seconds) {
        double target = Math.max(0, Math.min(duration(), seconds));
        if (target < position) {
            screen.accept(RESET);
            next = 0;
        }
        position = target;
        emitUpTo(target);
    }

    /** Jumps to a step boundary: the screen as it was when the step started, before its own output. */
    synchronized void seek(Asciicast.Marker marker) {
        if (marker.framesBefore() < next) {
            screen.accept(RESET);
            next = 0;
        }
        StringBuilder batch = new StringBuilder();
        while (next < marker.framesBefore() && next < cast.output().size()) {
            batch.append(cast.output().get(next++).data());
        }
        if (!batch.isEmpty()) {
            screen.accept(batch.toString());
        }
        position = Math.min(duration(), marker.time());
    }

    private void emitUpTo(double t) {
        StringBuilder batch = new StringBuilder();
        while (next < cast.output().size() && cast.output().get(next).time() <= t) {
            batch.append(cast.output().get(next++).data());
        }
        if (!batch.isEmpty()) {
            screen.accept(batch.toString());
        }
    }

    synchronized double position() {
        return position;
    }

    double duration() {
        return cast.duration();
    }

    synchronized boolean atEnd() {
        return next >= cast.output().size();
    }
}
