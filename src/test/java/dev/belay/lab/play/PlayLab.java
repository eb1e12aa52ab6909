package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A played cluster for tests: three hyper-converged hosts on a clock the test moves by hand, and
 * shorthand to run a command line on a host (split on spaces, with single-quoted words kept whole).
 */
final class PlayLab {

    /** A wall clock that moves only when the test says so. */
    static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final HandClock hand = new HandClock();
    final Cluster cluster;

    PlayLab(String... faults) {
        this(3, faults);
    }

    /** A lab whose clock runs {@code speed} times real time (for plays that block for lab time). */
    static PlayLab speeded(double speed, String... faults) {
        return new PlayLab(3, LabClock.speeded(speed), faults);
    }

    PlayLab(int hosts, String... faults) {
        this(hosts, null, faults);
    }

    private PlayLab(int hosts, LabClock clock, String... faults) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            names.add("lab-" + i);
        }
        FaultSet set = new FaultSet(Arrays.stream(faults).map(Fault::parse).toList());
        cluster = Cluster.create(LabTopology.of(names), clock != null ? clock : new LabClock(hand, 1.0), set);
    }

    /** Lab time passes (no real waiting). */
    void advance(Duration d) {
        hand.advance(d);
    }

    PlayResult run(String host, String commandLine) {
        return run(host, commandLine, "");
    }

    PlayResult run(String host, String commandLine, String stdin) {
        try {
            return cluster.run(host, words(commandLine), stdin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and expects exit 0; returns standard output. */
    String ok(String host, String commandLine) {
        PlayResult r = run(host, commandLine);
        assertEquals(0, r.exitCode(), () -> commandLine + " on " + host + " failed: " + r.stderr() + r.stdout());
        return r.stdout();
    }

    void inject(String fault) {
        cluster.faults().inject(Fault.parse(fault));
    }

    /** Splits like a shell for the simple cases tests need: spaces, '...' and "..." groups. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (c == ' ') {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
