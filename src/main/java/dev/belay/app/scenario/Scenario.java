package dev.belay.app.scenario;

import dev.belay.lab.Fault;
import dev.belay.runbook.Expectation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code runbooks/tests/*.yaml} file: a runbook run on a fresh practice lab with faults that
 * strike at given moments, and what must have happened by the end.
 *
 * @param file     the scenario file, for messages
 * @param runbook  the runbook file (resolved against the scenario's directory)
 * @param labHosts how many hosts the fresh lab has
 * @param speed    the lab clock's speed
 */
public record Scenario(Path file, String name, Path runbook, int labHosts, double speed, List<TimedFault> faults,
                       Map<String, String> vars, Expect expect) {

    public Scenario {
        faults = List.copyOf(faults);
        vars = Map.copyOf(vars);
    }

    /** The outcomes a scenario can expect, as written in the file. */
    public enum Outcome {
        COMPLETED, STOPPED, ROLLED_BACK, ABORTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A fault and when it strikes: at the lab's start ({@code atStep} null) or when step
     * {@code atStep} starts. Either a catalogue fault ({@code fault}) or a trainer's hand
     * ({@code hand}): a command run on a lab host, which breaks exactly what a gate looks at (a
     * practice service's version file, one RabbitMQ node's app) without breaking the commands
     * around it.
     */
    public record TimedFault(Fault fault, Hand hand, String atStep) {
        public TimedFault {
            if ((fault == null) == (hand == null)) {
                throw new IllegalArgumentException("a scenario fault is either a catalogue fault or a command, not both");
            }
        }

        public TimedFault(Fault fault, String atStep) {
            this(fault, null, atStep);
        }

        /** As messages name it: {@code disk-full@lab-2} or {@code `CMD` on lab-2}. */
        public String label() {
            return fault != null ? fault.toString() : "`" + hand.run().strip() + "` on " + hand.host();
        }
    }

    /** A command a scenario runs on lab host {@code host}, as a trainer would break it by hand. */
    public record Hand(String host, String run) {
    }

    /** A command run on a lab host after the run, with the expectations its output must meet. */
    public record Check(String host, String run, List<Expectation> expect) {
        public Check {
            expect = List.copyOf(expect);
        }
    }

    /**
     * What must happen: the outcome, the step it stopped at (for {@code stopped}), the hosts that ran
     * no command (from {@code atStep} on when it is given, else in the whole run), and the final checks.
     */
    public record Expect(Outcome outcome, String atStep, List<String> untouched, List<Check> checks) {
        public Expect {
            untouched = List.copyOf(untouched);
            checks = List.copyOf(checks);
        }

        /** The expectation as the table shows it. */
        public String summary() {
            return outcome.label() + (atStep == null ? "" : " at " + atStep);
        }
    }
}
