package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.inventory.InventoryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples on the format page are valid: the page and the code cannot drift apart. */
class DocsExampleTest {

    static List<String> yamlBlocks() throws IOException {
        String page = Files.readString(Path.of("docs/runbook-format.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(page);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void runbookAndInventoryExamplesLoadWithoutProblems() throws IOException {
        List<String> blocks = yamlBlocks();
        assertThat(blocks).hasSize(2);
        LoadResult<Runbook> rb = new RunbookLoader().load("docs-runbook.yaml", blocks.get(0));
        assertThat(rb.problems()).isEmpty();
        assertThat(rb.value().monitors().get(2).probe()).isInstanceOf(Monitor.Command.class);
        assertThat(new InventoryLoader().load("docs-inventory.yaml", blocks.get(1)).problems()).isEmpty();
    }
}
