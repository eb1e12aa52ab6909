package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shipped practice runbook, walked end to end by the real engine over SSH on the practice lab,
 * exactly as an operator would with `belay run`: preflight installs 1.0, the upgrade ends on 2.0 on
 * the controllers, and the computes are left alone.
 */
class PracticeRunbookOnLabTest {

    @Test
    void practiceUpgradeCompletesOnTheLab(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));

            // No --known-hosts: the lab's inventory names its own known_hosts, so a first run just works.
            int exit = cl.execute("run", "--inventory", lab.inventoryPath().toString(), "--auto-confirm", "--rehearsal",
                    "--db", "jdbc:h2:file:" + dir.resolve("audit/belay"), "runbooks/practice-upgrade.yaml");

            assertThat(exit).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("run succeeded");
            for (var host : lab.hosts()) { // a 3-host lab: every host is a controller
                Path svc = host.home().resolve("practice-svc");
                assertThat(Files.readString(svc.resolve("VERSION")).strip()).isEqualTo("2.0");
                assertThat(Files.readString(svc.resolve("run/version")).strip()).isEqualTo("2.0");
                assertThat(Files.readString(svc.resolve("data/rows.txt"))).startsWith("id|name|status\n");
                assertThat(host.home().resolve("practice-svc.bak/VERSION")).hasContent("1.0");
            }
        }
    }
}
