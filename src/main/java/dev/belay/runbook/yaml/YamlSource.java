package dev.belay.runbook.yaml;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns the bytes of a file into a SnakeYAML node tree whose nodes keep their line and column,
 * reporting every way a file can fail to be YAML as a problem instead of an exception.
 */
public final class YamlSource {

    /** Files larger than this are refused before parsing. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private YamlSource() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Decodes UTF-8 strictly (dropping a BOM); null, with a problem, for binary or non-UTF-8 content. */
    public static String decode(byte[] bytes, YamlContext cx) {
        if (bytes.length > MAX_BYTES) {
            cx.error(1, 1, "file is " + bytes.length / (1024 * 1024) + " MB; the limit is "
                    + MAX_BYTES / (1024 * 1024) + " MB: split it into several runbooks");
            return null;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return dec.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int offset = firstBadUtf8(bytes);
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            cx.errorAtOffset(before, before.length(), "not UTF-8 text (binary file?): save it as UTF-8 YAML");
            return null;
        }
    }

    private static int firstBadUtf8(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int lo = 0;
        int hi = bytes.length;
        while (lo < hi) { // the longest valid prefix, by bisection
            int mid = (lo + hi + 1) / 2;
            try {
                dec.reset().decode(ByteBuffer.wrap(bytes, 0, mid));
                lo = mid;
            } catch (CharacterCodingException e) {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Parses one YAML document; null when the file is empty or not valid YAML (with the problem recorded). */
    public static Node compose(String rawText, YamlContext cx, String emptyHint) {
        String text = rawText.startsWith("\uFEFF") ? rawText.substring(1) : rawText;
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            cx.errorAtOffset(text, nul, "binary content (NUL byte): this is not a YAML text file");
            return null;
        }
        Node root;
        try {
            root = new Yaml(options()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            reportSyntax(e, text, cx);
            return null;
        } catch (ReaderException e) {
            cx.errorAtOffset(text, Math.max(0, e.getPosition()), "character that YAML does not allow (code point "
                    + e.getCodePoint() + "): remove it or quote the text");
            return null;
        } catch (YAMLException e) {
            String msg = String.valueOf(e.getMessage());
            cx.error(1, 1, msg.contains("Number of aliases") ? "too many aliases (*name) of lists and maps (more"
                    + " than 50): write the values out instead" : "not valid YAML: " + msg);
            return null;
        } catch (StackOverflowError e) {
            cx.error(1, 1, "the YAML is nested too deeply");
            return null;
        }
        if (root == null) {
            cx.error(1, 1, "empty file: " + emptyHint);
            return null;
        }
        DuplicateKeys.check(root, cx);
        return root;
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_BYTES);      // the default 3 MB is below a large but legitimate file
        o.setMaxAliasesForCollections(50);   // billion laughs
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(50);
        return o;
    }

    private static void reportSyntax(MarkedYAMLException e, String text, YamlContext cx) {
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        int line = m == null ? 1 : m.getLine() + 1;
        int column = m == null ? 1 : m.getColumn() + 1;
        if (m != null && m.getIndex() < text.length() && text.charAt(m.getIndex()) == '\t'
                || problem.contains("'\\t'")) {
            cx.error(line, column, "tab character: YAML indents with spaces only, replace the tab with spaces");
        } else if (problem.contains("another document") || String.valueOf(e.getContext()).contains("single document")) {
            cx.error(line, column, "a second YAML document ('---'): a file holds one runbook or inventory");
        } else {
            Mark c = e.getContextMark();
            String started = c == null || m == null || c.getLine() == m.getLine() ? "" : " started at line " + (c.getLine() + 1);
            String ctx = e.getContext() == null ? "" : " (" + e.getContext() + started + ")";
            cx.error(line, column, "YAML syntax error: " + problem + ctx);
        }
    }
}
