package dev.belay.runbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a {@link Runbook} back to YAML in the v1 format, so that loading the text gives an equal
 * record. Defaults (revision 1, on_failure ask, expect_status 200...) are written only when they differ.
 */
public final class RunbookWriter {

    private static final String SCHEMA_HEADER = "# yaml-language-server: $schema=";

    /** The YAML text; {@code schemaPath} (may be null) becomes the yaml-language-server header line. */
    public String write(Runbook rb, String schemaPath) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setWidth(120);
        o.setSplitLines(false);
        String body = new Yaml(o).dump(toMap(rb));
        return schemaPath == null ? body : SCHEMA_HEADER + schemaPath + "\n" + body;
    }

    private Map<String, Object> toMap(Runbook rb) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", rb.id());
        put(m, "title", rb.title());
        put(m, "component", rb.component());
        if (rb.revision() != 1) {
            m.put("revision", rb.revision());
        }
        put(m, "summary", rb.summary());
        put(m, "estimate", rb.estimate() == null ? null : Durations.format(rb.estimate()));
        if (!rb.roles().isEmpty()) {
            Map<String, Object> roles = new LinkedHashMap<>();
            rb.roles().forEach((name, spec) -> roles.put(name, role(spec)));
            m.put("roles", roles);
        }
        if (!rb.vars().isEmpty()) {
            Map<String, Object> vars = new LinkedHashMap<>();
            rb.vars().forEach((name, spec) -> vars.put(name, var(spec)));
            m.put("vars", vars);
        }
        putList(m, "monitors", rb.monitors().stream().map(this::monitor).toList());
        putList(m, "preflight", rb.preflight().stream().map(this::step).toList());
        m.put("steps", rb.steps().stream().map(this::step).toList());
        if (rb.onFailure() != FailurePolicy.ASK) {
            m.put("on_failure", rb.onFailure().yamlName());
        }
        putList(m, "rollback", rb.rollback().stream().map(this::step).toList());
        if (rb.productionAutomation()) {
            m.put("automation", Map.of("production", "allowed"));
        }
        return m;
    }

    private static Map<String, Object> role(RoleSpec spec) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (spec.min() != 1) {
            r.put("min", spec.min());
        }
        put(r, "max", spec.max());
        if (!spec.groups().isEmpty()) {
            r.put("groups", spec.groups());
        }
        return r;
    }

    private static Map<String, Object> var(VarSpec spec) {
        Map<String, Object> v = new LinkedHashMap<>();
        put(v, "prompt", spec.prompt());
        put(v, "default", spec.defaultValue());
        if (spec.secret()) {
            v.put("secret", true);
        }
        return v;
    }

    private Map<String, Object> monitor(Monitor mon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", mon.id());
        if (mon.probe() instanceof Monitor.Tcp tcp) {
            m.put("tcp", tcp.target());
        } else if (mon.probe() instanceof Monitor.Http http) {
            m.put("http", http.url());
            if (http.expectStatus() != 200) {
                m.put("expect_status", http.expectStatus());
            }
        } else if (mon.probe() instanceof Monitor.Command c) {
            m.put("on", c.on().text());
            m.put("run", c.command());
            putList(m, "expect", expectations(c.expect()));
        }
        m.put("every", Durations.format(mon.every()));
        return m;
    }

    private Map<String, Object> step(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", s.id());
        put(m, "title", s.title());
        put(m, "description", s.description());
        action(s.action(), m);
        put(m, "confirm", s.confirm());
        put(m, "when", s.when());
        put(m, "estimate", s.estimate() == null ? null : Durations.format(s.estimate()));
        put(m, "serial", s.serial());
        put(m, "retry", s.retry() == null ? null : retry(s.retry()));
        if (s.approvers() > 1) {
            m.put("point_of_no_return", Map.of("approvers", s.approvers()));
        } else if (s.pointOfNoReturn()) {
            m.put("point_of_no_return", true);
        }
        put(m, "on_failure", s.onFailure() == null ? null : s.onFailure().yamlName());
        put(m, "gate", s.gate() == null ? null : gate(s.gate()));
        put(m, "snapshot", s.snapshot());
        if (s.snapshotExpect() == SnapshotExpect.SAME) {
            m.put("snapshot_expect", "same");
        }
        return m;
    }

    private void action(Action a, Map<String, Object> m) {
        if (a instanceof Action.Run run) {
            m.put("on", run.on().text());
            m.put("run", run.command());
            put(m, "timeout", run.timeout() == null ? null : Durations.format(run.timeout()));
            putList(m, "expect", expectations(run.expect()));
        } else if (a instanceof Action.Terminal t) {
            m.put("terminal", t.host().text());
            m.put("run", t.command());
        } else if (a instanceof Action.Manual manual) {
            m.put("confirm", manual.prompt());
        } else if (a instanceof Action.Wait w) {
            m.put("wait", Durations.format(w.duration()));
        } else if (a instanceof Action.Include inc) {
            m.put("include", inc.runbookId());
        }
    }

    private Map<String, Object> gate(Gate g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("on", g.on().text());
        m.put("run", g.command());
        putList(m, "expect", expectations(g.expect()));
        put(m, "retry", g.retry() == null ? null : retry(g.retry()));
        put(m, "timeout", g.timeout() == null ? null : Durations.format(g.timeout()));
        return m;
    }

    private static Map<String, Object> retry(Retry r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("every", Durations.format(r.every()));
        m.put("within", Durations.format(r.within()));
        return m;
    }

    private List<Object> expectations(List<Expectation> list) {
        List<Object> out = new ArrayList<>();
        for (Expectation e : list) {
            out.add(Map.of(key(e), value(e)));
        }
        return out;
    }

    private static String key(Expectation e) {
        if (e instanceof Expectation.Exit) {
            return "exit";
        } else if (e instanceof Expectation.Contains) {
            return "contains";
        } else if (e instanceof Expectation.NotContains) {
            return "not_contains";
        } else if (e instanceof Expectation.Matches) {
            return "matches";
        } else if (e instanceof Expectation.NumberCheck) {
            return "number";
        } else if (e instanceof Expectation.Json) {
            return "json";
        }
        return "capture";
    }

    private static Object value(Expectation e) {
        if (e instanceof Expectation.Exit x) {
            return x.code();
        } else if (e instanceof Expectation.Contains c) {
            return c.text();
        } else if (e instanceof Expectation.NotContains c) {
            return c.text();
        } else if (e instanceof Expectation.Matches mt) {
            return mt.regex();
        } else if (e instanceof Expectation.NumberCheck n) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("match", n.regex());
            put(m, "min", number(n.min()));
            put(m, "max", number(n.max()));
            put(m, "eq", number(n.eq()));
            return m;
        } else if (e instanceof Expectation.Json j) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pointer", j.pointer());
            m.put("equals", j.equalsText());
            return m;
        }
        Expectation.Capture c = (Expectation.Capture) e;
        return Map.of(c.name(), c.regex());
    }

    /** A YAML number that reads back as the same BigDecimal (scale included). */
    private static Object number(BigDecimal n) {
        if (n == null) {
            return null;
        }
        if (n.scale() <= 0) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                return n.toBigInteger();
            }
        }
        double d = n.doubleValue();
        return new BigDecimal(Double.toString(d)).equals(n) ? (Object) d : n.toPlainString();
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putList(Map<String, Object> m, String key, List<?> list) {
        if (!list.isEmpty()) {
            m.put(key, list);
        }
    }
}
