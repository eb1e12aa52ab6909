package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.yaml.YamlSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume check identifies a runbook by its files' text, not by how Belay models it in records. */
class PlanFilesTest {

    private static final String RUNBOOK = """
            id: hashed
            title: Hashed
            steps:
              - id: first
                title: First
                include: part
            """;
    private static final String PART = """
            id: part
            title: Part
            steps:
              - id: pause
                title: Pause
                wait: 1s
            """;
    private static final String INVENTORY = """
            environment: test
            hosts:
              web-1: { address: 127.0.0.1 }
            """;

    @Test
    void theContentHashIsTheCanonicalTextOfTheRunbookAndItsIncludes(@TempDir Path dir) throws Exception {
        Path rb = write(dir.resolve("a/hashed.yaml"), RUNBOOK);
        write(dir.resolve("a/part.yaml"), PART);
        Path inv = write(dir.resolve("inv.yaml"), INVENTORY);

        Plan plan = PlanFiles.load(rb, inv, Map.of());

        String canonical = "runbook\n" + RUNBOOK + "\u0000include part\n" + PART;
        assertThat(plan.contentHash()).isEqualTo(YamlSource.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(plan.legacyHash()).as("the records' hash, for runs started before").isNotNull()
                .isNotEqualTo(plan.contentHash());
        assertThat(plan.matches(plan.legacyHash())).isTrue();
        assertThat(plan.matches("0".repeat(64))).isFalse();
    }

    @Test
    void lineEndingsAndAByteOrderMarkDoNotChangeIt(@TempDir Path dir) throws Exception {
        write(dir.resolve("unix/part.yaml"), PART);
        write(dir.resolve("dos/part.yaml"), "\uFEFF" + PART.replace("\n", "\r\n"));
        Path inv = write(dir.resolve("inv.yaml"), INVENTORY);
        Plan unix = PlanFiles.load(write(dir.resolve("unix/hashed.yaml"), RUNBOOK), inv, Map.of());
        Plan dos = PlanFiles.load(write(dir.resolve("dos/hashed.yaml"), RUNBOOK.replace("\n", "\r\n")), inv, Map.of());

        assertThat(dos.contentHash()).isEqualTo(unix.contentHash());
        Plan edited = PlanFiles.load(write(dir.resolve("unix/hashed.yaml"), RUNBOOK.replace("First", "Erste")), inv, Map.of());
        assertThat(edited.contentHash()).isNotEqualTo(unix.contentHash());
        write(dir.resolve("unix/part.yaml"), PART.replace("1s", "2s"));
        Plan includeEdited = PlanFiles.load(dir.resolve("unix/hashed.yaml"), inv, Map.of());
        assertThat(includeEdited.contentHash()).as("an edited include changes it too").isNotEqualTo(edited.contentHash());
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
