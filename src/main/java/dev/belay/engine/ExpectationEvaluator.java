package dev.belay.engine;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.belay.runbook.Durations;
import dev.belay.runbook.Expectation;
import dev.belay.ssh.exec.ExecOutcome;
import dev.belay.ssh.exec.ExecResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a command's result against a step's expectations, each as the format defines it. Text
 * checks look at stdout then stderr; {@code json:} reads stdout. No expectations means "exit 0".
 */
public final class ExpectationEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEN_MAX = 200;

    private ExpectationEvaluator() {
    }

    /** One result per expectation (or one for the implied exit 0); a command that did not exit fails them all. */
    public static List<CheckResult> evaluate(List<Expectation> expectations, ExecResult result) {
        List<Expectation> list = expectations.isEmpty() ? List.of(new Expectation.Exit(0)) : expectations;
        List<CheckResult> out = new ArrayList<>();
        for (Expectation e : list) {
            if (result.exitCode() == null) {
                String detail = detail(result.outcome());
                out.add(CheckResult.of(describe(e), false, expected(e), "the command " + result.outcome().label()
                        + (detail.isEmpty() ? "" : ": " + detail)));
            } else {
                out.add(check(e, result));
            }
        }
        return out;
    }

    /** Why a command did not exit, as the check shows it. */
    private static String detail(ExecOutcome o) {
        if (o instanceof ExecOutcome.TimedOut t) {
            return "no exit within " + Durations.format(t.timeout());
        } else if (o instanceof ExecOutcome.ConnectionLost c) {
            return c.reason();
        } else if (o instanceof ExecOutcome.Failed f) {
            return f.reason();
        }
        return "";
    }

    /** The expectation as the author wrote it. */
    public static String describe(Expectation e) {
        if (e instanceof Expectation.Exit x) {
            return "exit: " + x.code();
        } else if (e instanceof Expectation.Contains c) {
            return "contains: " + c.text();
        } else if (e instanceof Expectation.NotContains c) {
            return "not_contains: " + c.text();
        } else if (e instanceof Expectation.Matches m) {
            return "matches: " + m.regex();
        } else if (e instanceof Expectation.NumberCheck n) {
            return "number: " + n.regex() + bounds(n);
        } else if (e instanceof Expectation.Json j) {
            return "json: " + j.pointer() + " equals " + j.equalsText();
        }
        Expectation.Capture c = (Expectation.Capture) e;
        return "capture: " + c.name() + " from " + c.regex();
    }

    private static String expected(Expectation e) {
        if (e instanceof Expectation.Exit x) {
            return "exit status " + x.code();
        } else if (e instanceof Expectation.Contains c) {
            return "output contains \"" + c.text() + "\"";
        } else if (e instanceof Expectation.NotContains c) {
            return "output does not contain \"" + c.text() + "\"";
        } else if (e instanceof Expectation.Matches m) {
            return "output matches /" + m.regex() + "/";
        } else if (e instanceof Expectation.NumberCheck n) {
            return "a number matched by /" + n.regex() + "/" + bounds(n);
        } else if (e instanceof Expectation.Json j) {
            return "JSON at " + j.pointer() + " equals \"" + j.equalsText() + "\"";
        }
        return "output matches /" + ((Expectation.Capture) e).regex() + "/ to capture a value";
    }

    private static CheckResult check(Expectation e, ExecResult r) {
        String text = r.combinedOutput();
        String d = describe(e);
        String x = expected(e);
        if (e instanceof Expectation.Exit ex) {
            return CheckResult.of(d, r.exitCode() == ex.code(), x, "exit status " + r.exitCode() + tail(text));
        } else if (e instanceof Expectation.Contains c) {
            boolean ok = text.contains(c.text());
            return CheckResult.of(d, ok, x, ok ? "found" : "not found in " + lines(text) + tail(text));
        } else if (e instanceof Expectation.NotContains c) {
            boolean ok = !text.contains(c.text());
            return CheckResult.of(d, ok, x, ok ? "not found" : "found: " + lineWith(text, c.text()));
        } else if (e instanceof Expectation.Matches m) {
            Matcher mm = Pattern.compile(m.regex(), Pattern.MULTILINE).matcher(text);
            boolean ok = mm.find();
            return CheckResult.of(d, ok, x, ok ? "matched \"" + clip(mm.group()) + "\"" : "no match in " + lines(text) + tail(text));
        } else if (e instanceof Expectation.NumberCheck n) {
            return number(n, d, x, text);
        } else if (e instanceof Expectation.Json j) {
            return json(j, d, x, r.stdout().text());
        }
        Expectation.Capture c = (Expectation.Capture) e;
        Matcher mm = Pattern.compile(c.regex(), Pattern.MULTILINE).matcher(text);
        if (!mm.find() || mm.groupCount() < 1 || mm.group(1) == null) {
            return CheckResult.of(d, false, x, "no match in " + lines(text) + tail(text));
        }
        return new CheckResult(d, true, x, c.name() + " = " + clip(mm.group(1)), c.name(), mm.group(1));
    }

    private static CheckResult number(Expectation.NumberCheck n, String d, String x, String text) {
        Matcher mm = Pattern.compile(n.regex(), Pattern.MULTILINE).matcher(text);
        if (!mm.find() || mm.groupCount() < 1 || mm.group(1) == null) {
            return CheckResult.of(d, false, x, "no match in " + lines(text) + tail(text));
        }
        BigDecimal v;
        try {
            v = new BigDecimal(mm.group(1).trim());
        } catch (NumberFormatException ex) {
            return CheckResult.of(d, false, x, "\"" + clip(mm.group(1)) + "\" is not a number");
        }
        boolean ok = (n.min() == null || v.compareTo(n.min()) >= 0) && (n.max() == null || v.compareTo(n.max()) <= 0)
                && (n.eq() == null || v.compareTo(n.eq()) == 0);
        return CheckResult.of(d, ok, x, v.toPlainString());
    }

    private static CheckResult json(Expectation.Json j, String d, String x, String stdout) {
        JsonNode root;
        try {
            root = JSON.readTree(stdout);
        } catch (Exception ex) {
            return CheckResult.of(d, false, x, "output is not JSON: " + clip(ex.getMessage()));
        }
        JsonNode at = root == null ? null : root.at(JsonPointer.compile(j.pointer()));
        if (at == null || at.isMissingNode()) {
            return CheckResult.of(d, false, x, "nothing at " + j.pointer());
        }
        String seen = at.isValueNode() ? at.asText() : at.toString();
        return CheckResult.of(d, seen.equals(j.equalsText()), x, "\"" + clip(seen) + "\"");
    }

    private static String bounds(Expectation.NumberCheck n) {
        StringBuilder b = new StringBuilder();
        if (n.min() != null) {
            b.append(" min ").append(n.min().toPlainString());
        }
        if (n.max() != null) {
            b.append(" max ").append(n.max().toPlainString());
        }
        if (n.eq() != null) {
            b.append(" eq ").append(n.eq().toPlainString());
        }
        return b.toString();
    }

    private static String lines(String text) {
        long n = text.isEmpty() ? 0 : text.lines().count();
        return n + " line(s) of output";
    }

    private static String tail(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        int nl = t.lastIndexOf('\n');
        return " (last line: \"" + clip(t.substring(nl + 1)) + "\")";
    }

    private static String lineWith(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).findFirst().map(l -> "\"" + clip(l) + "\"").orElse("");
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= SEEN_MAX ? s : s.substring(0, SEEN_MAX) + "...";
    }
}
