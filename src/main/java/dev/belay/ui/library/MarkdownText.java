package dev.belay.ui.library;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown descriptions as plain text for a wrapping label: paragraphs stay apart, but the line
 * breaks authors put inside a paragraph (YAML block scalars are full of them) become spaces.
 */
final class MarkdownText {

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER = TextContentRenderer.builder()
            .lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build();

    private MarkdownText() {
    }

    static String plain(String markdown) {
        Node doc = PARSER.parse(markdown);
        List<SoftLineBreak> breaks = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(SoftLineBreak softLineBreak) {
                breaks.add(softLineBreak);
            }
        });
        for (SoftLineBreak b : breaks) {
            b.insertBefore(new Text(" "));
            b.unlink();
        }
        return RENDERER.render(doc).strip();
    }
}
