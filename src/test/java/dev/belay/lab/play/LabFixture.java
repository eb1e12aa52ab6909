package dev.belay.lab.play;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import dev.belay.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** A played cluster of N hosts on a hand-moved clock, and a shell-like way to run commands on it. */
final class LabFixture implements AutoCloseable {

    /** Where a fixture's wall clock starts: the times the plays' expected output shows are written for it. */
    static final Instant WALL_START = Instant.parse("2026-12-01T10:00:00Z");

    final TestClock wall = TestClock.stopped(WALL_START);
    final FaultSet faults;
    final Cluster cluster;

    LabFixture(int hosts, String... faults) {
        this(hosts, null, faults);
    }

    private LabFixture(int hosts, LabClock clock, String... faults) {
        List<Fault> fs = Arrays.stream(faults).map(Fault::parse).toList();
        this.faults = new FaultSet(fs);
        List<String> names = IntStream.rangeClosed(1, hosts).mapToObj(i -> "lab-" + i).toList();
        this.cluster = Cluster.create(LabTopology.of(names), clock != null ? clock : new LabClock(wall, 1.0), this.faults);
    }

    /**
     * Three hosts on a lab clock that runs {@code speed} times real time, for plays that block for
     * lab time (kolla-ansible); {@link #pass} does not apply to it.
     */
    static LabFixture speeded(double speed, String... faults) {
        return new LabFixture(3, LabClock.speeded(speed), faults);
    }

    void inject(String fault) {
        faults.inject(Fault.parse(fault));
    }

    /** Runs {@code line} (split on spaces; '...' and "..." words kept whole, the other quote inside them kept) on {@code host}. */
    PlayResult run(String host, String line) {
        return run(host, line, "");
    }

    PlayResult run(String host, String line, String stdin) {
        try {
            return cluster.run(host, split(line), stdin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Standard output of a command that must succeed. */
    String out(String host, String line) {
        PlayResult r = run(host, line);
        if (r.exitCode() != 0) {
            throw new AssertionError(line + " on " + host + " exited " + r.exitCode() + ": " + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    void pass(Duration d) {
        wall.advance(d);
        cluster.advance();
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
                any = true;
            } else if (c == ' ' && quote == 0) {
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

    @Override
    public void close() {
        cluster.close();
    }
}
