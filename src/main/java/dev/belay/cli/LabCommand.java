package dev.belay.cli;

import dev.belay.lab.Fault;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code belay lab}: the practice lab, simulated hosts on a loopback SSH server. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "The practice lab: simulated hosts, each in a bubblewrap sandbox, on an embedded SSH "
                + "server on 127.0.0.1.",
        subcommands = {LabCommand.Start.class, LabCommand.Reset.class, LabCommand.InjectFault.class})
public final class LabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code belay lab start}: starts the lab, writes its inventory, and runs until stopped. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a lab of simulated hosts lab-1..lab-N, write its inventory and "
                    + "known_hosts, and run until Ctrl-C.")
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--hosts", defaultValue = "3", description = "How many hosts (default: ${DEFAULT-VALUE}).")
        int hosts;

        @Option(names = "--dir", description = "Where keys, homes and the inventory live (default: ~/.belay/lab).")
        Path dir;

        @Option(names = "--port", defaultValue = "0",
                description = "Port on 127.0.0.1 (default: the last start's port if free, else any free port).")
        int port;

        @Option(names = "--fault", paramLabel = "KIND[@HOST[:NAME]]",
                description = "Inject a fault from the start (repeatable), e.g. slow@lab-2 or container-exits@lab-1:mariadb; docs/lab.md lists them.")
        List<String> faults = new ArrayList<>();

        @Option(names = "--speed", defaultValue = "1",
                description = "Lab seconds per real second for everything the lab plays over time (default: ${DEFAULT-VALUE}).")
        double speed;

        // For tests and scripts: start, print, and stop at once instead of waiting for Ctrl-C.
        @Option(names = "--exit-when-ready", hidden = true)
        boolean exitWhenReady;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PracticeLab lab;
            try {
                lab = PracticeLab.start(config());
            } catch (IOException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            describe(lab, out);
            if (exitWhenReady) {
                close(lab, out);
                return 0;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                close(lab, out);
                stopped.countDown();
            }, "lab-shutdown"));
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stopped.await();
            return 0;
        }

        private LabConfig config() {
            try {
                List<Fault> parsed = faults.stream().map(Fault::parse).toList();
                return new LabConfig(dir == null ? LabConfig.defaultBaseDir() : dir, hosts, port, parsed, speed);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private static void describe(PracticeLab lab, PrintWriter out) {
            int n = lab.hosts().size();
            out.printf("Practice lab: %d host%s (lab-1..lab-%d) on %s:%d%n",
                    n, n == 1 ? "" : "s", n, PracticeLab.ADDRESS, lab.port());
            out.printf("  inventory:   %s%n", lab.inventoryPath());
            out.printf("  known_hosts: %s%n", lab.knownHostsPath());
            out.printf("  client key:  %s%n", lab.clientKeyPath());
            out.printf("  host roots:  %s (each host's /etc /var /root /home /tmp /opt)%n", lab.baseDir().resolve("hosts"));
            out.printf("  faults:      %s%n", lab.faults().isEmpty() ? "none"
                    : String.join(" ", lab.faults().stream().map(Fault::toString).toList()));
            out.printf("  lab clock:   x%s%n", lab.clock().speed());
            out.println("Log in by hand (the user name picks the host):");
            out.printf("  ssh -i %s -p %d -o UserKnownHostsFile=%s lab-1@%s%n",
                    quoted(lab.clientKeyPath()), lab.port(), quoted(lab.knownHostsPath()), PracticeLab.ADDRESS);
            out.flush();
        }

        private static void close(PracticeLab lab, PrintWriter out) {
            try {
                lab.close();
                out.println("Practice lab stopped.");
            } catch (IOException e) {
                out.println("Practice lab: stopping failed: " + e.getMessage());
            }
            out.flush();
        }

        private static String quoted(Path p) {
            String s = p.toString();
            return s.matches("[A-Za-z0-9_./~+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
        }
    }

    /** {@code belay lab reset}: puts a running or stopped lab back to fresh. */
    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Put the lab back to fresh: every host's files wiped, the played cluster at its "
                    + "starting state, faults cleared. Works on a running lab and on a stopped one.")
    static final class Reset implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", description = "The lab's directory (default: ~/.belay/lab).")
        Path dir;

        @Override
        public Integer call() {
            try {
                spec.commandLine().getOut().print(PracticeLab.reset(dir == null ? LabConfig.defaultBaseDir() : dir));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("lab reset: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code belay lab fault KIND@HOST}: injects a fault into the running lab. */
    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = "Inject a fault into the running lab, at once (e.g. connection-drop@lab-2).")
    static final class InjectFault implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "KIND[@HOST[:NAME]]", description = "The fault.")
        String fault;

        @Option(names = "--dir", description = "The lab's directory (default: ~/.belay/lab).")
        Path dir;

        @Override
        public Integer call() {
            Fault f;
            try {
                f = Fault.parse(fault);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                spec.commandLine().getOut().print(PracticeLab.inject(dir == null ? LabConfig.defaultBaseDir() : dir, f));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("lab fault: " + e.getMessage());
                return 1;
            }
        }
    }
}
