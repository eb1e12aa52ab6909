package dev.belay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line entry point. Each feature registers its subcommand in {@link #commandLine()}
 * so that `java -jar target/belay.jar <command>` and the tests share one parser.
 */
@Command(name = "belay", mixinStandardHelpOptions = true, version = "Belay 0.1.0",
        description = {"A runbook assistant for maintenance windows.",
                "With no command it opens the desktop app (as 'belay gui' does)."})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final GuiCommand.Desktop desktop;

    private Main(GuiCommand.Desktop desktop) {
        this.desktop = desktop;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(GuiCommand.Desktop.JAVAFX);
    }

    /** @param desktop what opens the desktop for {@code belay} and {@code belay gui} */
    static CommandLine commandLine(GuiCommand.Desktop desktop) {
        CommandLine cl = new CommandLine(new Main(desktop));
        cl.addSubcommand(new GuiCommand(desktop));
        // Subcommands: one line each, one class each.
        cl.addSubcommand(new ValidateCommand());
        cl.addSubcommand(new LabCommand());
        cl.addSubcommand(new AuditCommand());
        cl.addSubcommand(new RunCommand());
        cl.addSubcommand(new ResumeCommand());
        cl.addSubcommand(new ApproveCommand());
        cl.addSubcommand(new TestCommand());
        return cl;
    }

    /** No command: the desktop, as an installed desktop tool starts (`belay --help` lists the commands). */
    @Override
    public Integer call() {
        return desktop.open(false, spec.commandLine().getErr());
    }
}
