package dev.belay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line entry point. Each feature registers its subcommand in {@link #commandLine()}
 * so that `java -jar target/belay.jar <command>` and the tests share one parser.
 */
@Command(name = "belay", mixinStandardHelpOptions = true, version = "Belay 0.1.0",
        description = "A runbook assistant for maintenance windows.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Subcommands: one line each, one class each.
        cl.addSubcommand(new ValidateCommand());
        cl.addSubcommand(new LabCommand());
        cl.addSubcommand(new AuditCommand());
        cl.addSubcommand(new RunCommand());
        cl.addSubcommand(new ResumeCommand());
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
