package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.Fault;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class LabCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void startWritesTheInventoryAndSaysHowToLogIn() throws Exception {
        int code = run("lab", "start", "--hosts", "2", "--dir", dir.toString(), "--exit-when-ready");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("2 hosts (lab-1..lab-2) on 127.0.0.1:")
                .contains(dir.resolve("inventory.yaml").toString())
                .containsPattern("ssh -i \\S+client_ed25519 -p \\d+ -o UserKnownHostsFile=\\S+known_hosts lab-1@127.0.0.1")
                .contains("Practice lab stopped.");
        assertThat(Files.readString(dir.resolve("inventory.yaml"))).contains("lab-2");
    }

    @Test
    void theWrittenInventoryPassesBelayValidate() {
        assertThat(run("lab", "start", "--hosts", "5", "--dir", dir.toString(), "--exit-when-ready")).isZero();

        int code = run("validate", "--kind", "inventory", dir.resolve("inventory.yaml").toString());

        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void startTakesFaultsAndSpeedAndRefusesAFaultOnAHostItLacks() {
        int code = run("lab", "start", "--hosts", "2", "--dir", dir.toString(), "--fault", "disk-full@lab-1",
                "--fault", "ceph-slow-recovery", "--speed", "60", "--exit-when-ready");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("faults:      disk-full@lab-1 ceph-slow-recovery").contains("x60.0");

        assertThat(run("lab", "start", "--hosts", "2", "--dir", dir.toString(), "--fault", "slow@lab-7",
                "--exit-when-ready")).isEqualTo(2);
        assertThat(err.toString()).contains("slow@lab-7 names no lab host");
        assertThat(run("lab", "start", "--dir", dir.toString(), "--fault", "meltdown", "--exit-when-ready")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'meltdown'").contains("connection-drop@HOST");
    }

    @Test
    void faultAndResetReachTheRunningLabThroughItsControlChannel() throws Exception {
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir, 2, 0))) {
            Files.writeString(lab.hosts().get(1).home().resolve("left-over"), "x");

            assertThat(run("lab", "fault", "slow@lab-2", "--dir", dir.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("injected slow@lab-2").contains("faults: slow@lab-2");
            assertThat(lab.faults()).extracting(Fault::toString).containsExactly("slow@lab-2");

            assertThat(run("lab", "fault", "slow@lab-9", "--dir", dir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("names no lab host");

            assertThat(run("lab", "reset", "--dir", dir.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("reset 2 hosts to fresh");
            assertThat(lab.faults()).isEmpty();
            assertThat(lab.hosts().get(1).home().resolve("left-over")).doesNotExist();
            assertThat(lab.hosts().get(1).dir("etc").resolve("hostname")).hasContent("lab-2");
        }
        assertThat(run("lab", "fault", "slow@lab-2", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no practice lab is running in " + dir);
        assertThat(run("lab", "reset", "--dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("is not running: wiped its host roots");
        assertThat(dir.resolve("hosts")).doesNotExist();
    }

    @Test
    void aBadHostCountIsAMessageNotAStackTrace() {
        int code = run("lab", "start", "--hosts", "0", "--dir", dir.toString(), "--exit-when-ready");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--hosts must be between 1 and").doesNotContain("Exception");
    }
}
