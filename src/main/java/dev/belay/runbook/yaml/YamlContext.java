package dev.belay.runbook.yaml;

import dev.belay.runbook.Position;
import dev.belay.runbook.Problem;
import dev.belay.runbook.SourceMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Collects the problems and node positions of one file while it is read. */
public final class YamlContext {

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Position> positions = new LinkedHashMap<>();

    public YamlContext(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void error(int line, int column, String message) {
        problems.add(new Problem(file, line, column, message));
    }

    public void error(Node node, String message) {
        Position p = position(node);
        error(p.line(), p.column(), message);
    }

    public void error(Position p, String message) {
        error(p.line(), p.column(), message);
    }

    /** An error at a character offset of {@code text}. */
    public void errorAtOffset(String text, int offset, String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        error(line, col, message);
    }

    public static Position position(Node node) {
        return new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    public void record(String path, Node node) {
        positions.putIfAbsent(path, position(node));
    }

    /** Problems in file order (line, then column), each reported once. */
    public List<Problem> problems() {
        return problems.stream().distinct()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)).toList();
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public SourceMap sourceMap() {
        return new SourceMap(positions);
    }

    /** A null-valued scalar ({@code key:} with nothing after it) counts as absent. */
    public static boolean isNull(Node n) {
        return n == null || n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    public static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a map";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return isNull(n) ? "nothing" : "'" + ((ScalarNode) n).getValue() + "'";
    }

    /** The node as a map, or null with a problem naming what was expected there. */
    public MappingNode map(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        error(n, what + " must be a map (key: value lines), found " + describe(n));
        return null;
    }

    /** The node as a list, or null with a problem. */
    public SequenceNode list(Node n, String what) {
        if (n instanceof SequenceNode s) {
            return s;
        }
        error(n, what + " must be a list ('- ' items), found " + describe(n));
        return null;
    }

    /** The node's text, or null with a problem when it is a map or a list. */
    public String text(Node n, String what) {
        if (n instanceof ScalarNode s) {
            return isNull(n) ? null : s.getValue();
        }
        error(n, what + " must be a single value, found " + describe(n));
        return null;
    }
}
