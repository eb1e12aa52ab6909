package dev.belay.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;

/**
 * A step's Markdown description as a {@link TextFlow}: paragraphs, bullets, bold, italic, inline
 * and block code. Enough for operator notes; no WebView (javafx-web is not shipped).
 */
final class MarkdownFlow {

    private static final Parser PARSER = Parser.builder().build();

    private MarkdownFlow() {
    }

    static TextFlow of(String markdown) {
        List<Text> out = new ArrayList<>();
        PARSER.parse(markdown == null ? "" : markdown).accept(new Renderer(out));
        while (!out.isEmpty() && out.get(out.size() - 1).getText().isBlank()) {
            out.remove(out.size() - 1);
        }
        TextFlow flow = new TextFlow(out.toArray(Text[]::new));
        flow.getStyleClass().add("markdown");
        return flow;
    }

    private static final class Renderer extends AbstractVisitor {
        private final List<Text> out;
        private final List<String> styles = new ArrayList<>();

        Renderer(List<Text> out) {
            this.out = out;
        }

        private void add(String text, String... extra) {
            Text t = new Text(text);
            t.getStyleClass().add("md-text");
            t.getStyleClass().addAll(styles);
            t.getStyleClass().addAll(extra);
            out.add(t);
        }

        private void styled(Node node, String style) {
            styles.add(style);
            visitChildren(node);
            styles.remove(styles.size() - 1);
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            add(text.getLiteral());
        }

        @Override
        public void visit(Paragraph p) {
            visitChildren(p);
            add(p.getParent() instanceof ListItem ? "\n" : "\n\n");
        }

        @Override
        public void visit(Heading h) {
            styled(h, "md-strong");
            add("\n\n");
        }

        @Override
        public void visit(Emphasis e) {
            styled(e, "md-em");
        }

        @Override
        public void visit(StrongEmphasis e) {
            styled(e, "md-strong");
        }

        @Override
        public void visit(Code c) {
            add(c.getLiteral(), "md-code");
        }

        @Override
        public void visit(FencedCodeBlock c) {
            add(c.getLiteral() + "\n", "md-code");
        }

        @Override
        public void visit(IndentedCodeBlock c) {
            add(c.getLiteral() + "\n", "md-code");
        }

        @Override
        public void visit(BulletList l) {
            visitChildren(l);
            add("\n");
        }

        @Override
        public void visit(ListItem item) {
            add("  •  ");
            visitChildren(item);
        }

        @Override
        public void visit(SoftLineBreak b) {
            add(" ");
        }

        @Override
        public void visit(HardLineBreak b) {
            add("\n");
        }
    }
}
