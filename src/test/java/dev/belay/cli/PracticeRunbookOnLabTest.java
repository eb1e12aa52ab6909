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

            int exit = cl.execute("run", "--inventory", lab.inventoryPath().toString(),
                    "--known-hosts", lab.knownHostsPath().toString(), "--auto-confirm", "--rehearsal",
                    "--db", "jdbc:h2:file:" + dir.resolve("audit/belay"), "runbooks/practice-upgrade.yaml");

            assertThat(exit).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("run COMPLETED");
            Path hosts = lab.baseDir().resolve("hosts");
            for (String controller : new String[] {"lab-1", "lab-2"}) {
                Path svc = hosts.resolve(controller).resolve("practice-svc");
                assertThat(Files.readString(svc.resolve("VERSION")).strip()).isEqualTo("2.0");
                assertThat(Files.readString(svc.resolve("run/version")).strip()).isEqualTo("2.0");
                assertThat(Files.readString(svc.resolve("data/rows.txt"))).startsWith("id|name|status\n");
                assertThat(hosts.resolve(controller).resolve("practice-svc.bak/VERSION")).hasContent("1.0");
            }
            assertThat(hosts.resolve("lab-3").resolve("practice-svc")).doesNotExist();
        }
    }
}
