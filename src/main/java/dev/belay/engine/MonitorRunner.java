package dev.belay.engine;

import dev.belay.ssh.exec.ExecResult;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Monitor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a run's monitors in the background on a small scheduler, and reports each up/down
 * transition (the first probe counts as one when the state was unknown). Probes are bounded by a
 * timeout: the monitor's interval, kept between 1 s and 5 s (probes never overlap: fixed delay).
 */
final class MonitorRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorRunner.class);
    private static final Duration MAX_PROBE = Duration.ofSeconds(5);
    private static final Duration MIN_PROBE = Duration.ofSeconds(1);

    private final List<Monitor> monitors;
    private final Inventory inventory;
    private final Transport transport;
    private final Clock clock;
    private final Consumer<RunEvent> emit;
    private final Map<String, Boolean> last = new ConcurrentHashMap<>();
    private final CancelToken cancel = new CancelToken();
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;

    /** @param known the last known state per monitor (from a resumed run), so only real changes are reported */
    MonitorRunner(List<Monitor> monitors, Inventory inventory, Transport transport, Clock clock,
                  Map<String, Boolean> known, Consumer<RunEvent> emit) {
        this.monitors = monitors;
        this.inventory = inventory;
        this.transport = transport;
        this.clock = clock;
        this.emit = emit;
        this.last.putAll(known);
        this.scheduler = Executors.newScheduledThreadPool(Math.min(2, Math.max(1, monitors.size())),
                Threads.daemon("belay-monitor"));
        this.http = HttpClient.newBuilder().connectTimeout(MAX_PROBE).build();
    }

    void start() {
        for (Monitor m : monitors) {
            scheduler.scheduleWithFixedDelay(() -> guarded(m), 0, m.every().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Where a monitor points, for display. */
    static String target(Monitor m) {
        if (m.probe() instanceof Monitor.Tcp t) {
            return "tcp " + t.target();
        }
        if (m.probe() instanceof Monitor.Http h) {
            return "http " + h.url();
        }
        Monitor.Command c = (Monitor.Command) m.probe();
        return "command on " + c.on().text() + ": " + c.command();
    }

    /**
     * A scheduler swallows whatever escapes a periodic task and silently never runs it again: the run
     * would then show a dead monitor as "0 outages". So a failure of the probe machinery itself (out of
     * memory, a bug) is reported as the monitor going down, recorded like any outage, and the next
     * probe still runs.
     */
    private void guarded(Monitor m) {
        try {
            probeAndReport(m);
        } catch (Throwable t) {
            LOG.error("monitor {} failed; it stays scheduled", m.id(), t);
            try {
                Boolean before = last.put(m.id(), false);
                if (!Boolean.FALSE.equals(before) && !cancel.isCancelled()) {
                    emit.accept(new RunEvent.MonitorChanged(clock.instant(), m.id(), false, "monitor failed: " + t));
                }
            } catch (Throwable again) {
                LOG.error("monitor {}: could not record its failure", m.id(), again);
            }
        }
    }

    private void probeAndReport(Monitor m) {
        if (cancel.isCancelled()) {
            return;
        }
        String detail;
        boolean up;
        try {
            detail = probe(m);
            up = detail == null;
            detail = up ? "up" : detail;
        } catch (RuntimeException e) {
            up = false;
            detail = "probe failed: " + e.getMessage();
        }
        Boolean before = last.put(m.id(), up);
        if ((before == null || before != up) && !cancel.isCancelled()) {
            emit.accept(new RunEvent.MonitorChanged(clock.instant(), m.id(), up, detail));
        }
    }

    /** Null when up, else why it is down. */
    private String probe(Monitor m) {
        Duration timeout = timeout(m);
        if (m.probe() instanceof Monitor.Tcp t) {
            return tcp(t.target(), timeout);
        }
        if (m.probe() instanceof Monitor.Http h) {
            return http(h, timeout);
        }
        return command((Monitor.Command) m.probe(), timeout);
    }

    private static String tcp(String target, Duration timeout) {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            return "tcp target '" + target + "' has no :port";
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))),
                    (int) timeout.toMillis());
            return null;
        } catch (IOException | NumberFormatException e) {
            return "connect to " + target + " failed: " + e.getMessage();
        }
    }

    private String http(Monitor.Http h, Duration timeout) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(h.url())).timeout(timeout).GET().build();
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == h.expectStatus() ? null : "HTTP " + status + ", expected " + h.expectStatus();
        } catch (IOException | IllegalArgumentException e) {
            return "GET " + h.url() + " failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String command(Monitor.Command c, Duration timeout) {
        Host host = SelectorResolver.resolve(c.on(), inventory, Map.of()).get(0);
        ExecResult r = transport.exec(host, c.command(), timeout, (line, err) -> { }, cancel);
        return ExpectationEvaluator.evaluate(c.expect(), r).stream().filter(x -> !x.passed()).findFirst()
                .map(x -> x.expectation() + ": expected " + x.expected() + ", saw " + x.seen()).orElse(null);
    }

    private static Duration timeout(Monitor m) {
        Duration t = m.every().compareTo(MAX_PROBE) > 0 ? MAX_PROBE : m.every();
        return t.compareTo(MIN_PROBE) < 0 ? MIN_PROBE : t;
    }

    /**
     * Stops probing without blocking the caller (it may be a UI thread) and without interrupting a
     * probe thread, which may be writing to the audit log: a probe under way ends within its timeout.
     */
    @Override
    public void close() {
        cancel.cancel();
        scheduler.shutdown();
    }
}
