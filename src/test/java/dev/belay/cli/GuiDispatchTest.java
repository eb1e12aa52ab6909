package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code belay} with no command and {@code belay gui} open the desktop from the same jar; other commands do not. */
class GuiDispatchTest {

    @TempDir
    Path home;

    private final List<Boolean> opened = new ArrayList<>();

    private int belay(String... args) {
        CommandLine cl = Main.commandLine((exitAfterFirstFrame, err) -> {
            opened.add(exitAfterFirstFrame);
            return 0;
        });
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void noCommandAndGuiOpenTheDesktopHelpAndCommandsDoNot() {
        assertThat(belay()).isZero();
        assertThat(belay("gui")).isZero();
        assertThat(belay("gui", "--exit-after-first-frame")).isZero();
        assertThat(opened).containsExactly(false, false, true);
        belay("--help");
        belay("--version");
        belay("validate", "runbooks/practice-upgrade.yaml");
        assertThat(opened).hasSize(3);
    }

    @Test
    void theRealMainOpensAWindowAndClosesAfterItsFirstFrame() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                "dev.belay.cli.Main", "gui", "--exit-after-first-frame").redirectErrorStream(true).start();
        boolean ended = child.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as(out).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("belay: window \"Belay[^\"]*\" shown \\d+x\\d+, \\d+ ms after start");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void withoutADisplayItSaysSoInsteadOfAStackTrace() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                "dev.belay.cli.Main").redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process child = pb.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("cannot open the desktop: no DISPLAY").contains("belay --help")
                .doesNotContain("Exception");
    }
}
