package dev.belay.lab.play;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** A played cluster of N hosts on a hand-moved clock, and a shell-like way to run commands on it. */
final class LabFixture implements AutoCloseable {

    final TestClock wall = new TestClock();
    final FaultSet faults;
    final Cluster cluster;

    LabFixture(int hosts, String... faults) {
        List<Fault> fs = Arrays.stream(faults).map(Fault::parse).toList();
        this.faults = new FaultSet(fs);
        List<String> names = IntStream.rangeClosed(1, hosts).mapToObj(i -> "lab-" + i).toList();
        this.cluster = Cluster.create(LabTopology.of(names), new LabClock(wall, 1.0), this.faults);
    }

    /** Runs {@code line} (split on spaces; single-quoted words kept whole) on {@code host}. */
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
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'' || c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
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
