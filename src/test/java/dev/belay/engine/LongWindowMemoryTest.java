package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat over a long window: 10,000 commands under one run's cancel token, in a JVM whose
 * heap (48 MiB) is far smaller than what the commands would retain if anything kept them (each
 * finished command with its output buffers is about 355 KiB: 10,000 of them are 3.4 GiB).
 */
class LongWindowMemoryTest {

    private static final int COMMANDS = 10_000;
    private static final Pattern REPORT = Pattern.compile(
            "ok=(\\d+) usedAt1000=(\\d+) usedAtEnd=(\\d+) registered=(\\d+) maxHeap=(\\d+)");

    @Test
    void tenThousandCommandsInA48MegabyteHeapAllCountedHeapFlat(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("probe.err");
        Process p = new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LongWindowProbe.class.getName(), Files.createDirectory(dir.resolve("scratch")).toString(),
                String.valueOf(COMMANDS))
                .redirectError(log.toFile()).start();
        String report = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as(report + "\n" + tail(log)).isZero();

        Matcher m = REPORT.matcher(report);
        assertThat(m.find()).as(report).isTrue();
        long at1000 = Long.parseLong(m.group(2));
        long atEnd = Long.parseLong(m.group(3));
        System.out.printf("LongWindowMemoryTest: heap used after GC at 1,000 commands %.1f MiB, at %,d %.1f MiB%n",
                at1000 / 1048576.0, COMMANDS, atEnd / 1048576.0);
        assertThat(Map.of("ok", Integer.parseInt(m.group(1)), "registered", Integer.parseInt(m.group(4))))
                .as("every probe counted, no cancel registration left behind")
                .isEqualTo(Map.of("ok", COMMANDS, "registered", 0));
        // 9,000 retained commands would be about 3 GiB; allow GC noise of a few MiB, not one command per probe.
        assertThat(atEnd - at1000).as("heap growth from 1,000 to 10,000 commands, bytes").isLessThan(4L << 20);
    }

    private static String tail(Path log) throws java.io.IOException {
        String all = Files.exists(log) ? Files.readString(log) : "";
        return all.length() > 3000 ? all.substring(all.length() - 3000) : all;
    }
}
