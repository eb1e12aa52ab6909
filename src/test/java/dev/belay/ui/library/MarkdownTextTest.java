package dev.belay.ui.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

    @Test
    void joinsLinesInsideAParagraphAndKeepsParagraphsApart() {
        String md = "Monitors go *first*: Jewel OSDs\nneed Jewel `monitors`.\n\nThe gate waits\nfor quorum.\n";

        assertThat(MarkdownText.plain(md))
                .isEqualTo("Monitors go first: Jewel OSDs need Jewel \"monitors\".\n\nThe gate waits for quorum.");
    }
}
