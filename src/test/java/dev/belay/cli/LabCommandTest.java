package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
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
    void aBadHostCountIsAMessageNotAStackTrace() {
        int code = run("lab", "start", "--hosts", "0", "--dir", dir.toString(), "--exit-when-ready");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--hosts must be between 1 and").doesNotContain("Exception");
    }
}
