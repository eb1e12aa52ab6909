package dev.belay.engine;

import dev.belay.inventory.Inventory;
import dev.belay.inventory.RoleGroups;
import dev.belay.inventory.RunbookFit;
import dev.belay.runbook.Action;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.IncludeVars;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.Step;
import dev.belay.runbook.VarSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a runbook, an inventory and var values into a {@link Plan}: includes expanded (cycles
 * refused), var values chosen (operator, then inventory, then default), {@code ${vars}} substituted,
 * selectors checked against the inventory. Every error names the step and says how to fix it.
 */
public final class PlanResolver {

    /** Finds an included runbook by id. */
    @FunctionalInterface
    public interface Includes {
        Optional<Runbook> find(String runbookId);

        Includes NONE = id -> Optional.empty();
    }

    /** What a dry run shows for a secret nobody gave: the mask, never a prompt. */
    public static final String SECRET_PLACEHOLDER = dev.belay.audit.SecretMasker.MASK;

    private final Includes includes;
    private final boolean secretPlaceholders;

    public PlanResolver(Includes includes) {
        this(includes, false);
    }

    private PlanResolver(Includes includes, boolean secretPlaceholders) {
        this.includes = includes;
        this.secretPlaceholders = secretPlaceholders;
    }

    /** The same resolver for a dry run: a secret var without a value gets {@link #SECRET_PLACEHOLDER}. */
    public PlanResolver withSecretPlaceholders() {
        return new PlanResolver(includes, true);
    }

    public Plan resolve(Runbook runbook, Inventory given, Map<String, String> operatorVars) {
        Inventory inventory = RoleGroups.fill(runbook, given); // roles filled from the groups the runbook names
        Map<String, VarSpec> declared = new LinkedHashMap<>(runbook.vars());
        StringBuilder hashed = new StringBuilder(runbook.toString());
        List<PlannedStep> pre = expand(runbook, runbook.preflight(), Phase.PREFLIGHT, "", new ArrayList<>(List.of(runbook.id())), declared, hashed, null);
        List<List<PlannedStep>> includedRollbacks = new ArrayList<>();
        List<PlannedStep> main = expand(runbook, runbook.steps(), Phase.MAIN, "", new ArrayList<>(List.of(runbook.id())), declared, hashed, includedRollbacks);
        List<PlannedStep> back = unwinding(includedRollbacks,
                expand(runbook, runbook.rollback(), Phase.ROLLBACK, "", new ArrayList<>(List.of(runbook.id())), declared, hashed, null));
        checkRoles(runbook, given); // RunbookFit fills the roles itself, and names the group a role came from
        Map<String, String> vars = values(declared, inventory, operatorVars, secretPlaceholders);
        Set<String> late = captureNames(pre, main, back);
        StepSubstitution sub = new StepSubstitution(vars, late);
        List<PlannedStep> all = new ArrayList<>();
        List<List<PlannedStep>> phases = new ArrayList<>();
        for (List<PlannedStep> list : List.of(pre, main, back)) {
            List<PlannedStep> done = list.stream().map(s -> new PlannedStep(s.phase(), sub.step(s.step()), s.origin(), s.scope(), s.includedCheck())).toList();
            done.forEach(s -> checkSelectors(s, inventory, late));
            all.addAll(done);
            phases.add(done);
        }
        checkUniqueIds(all);
        List<Monitor> monitors = runbook.monitors().stream().map(sub::monitor).toList();
        Set<String> secrets = new LinkedHashSet<>();
        declared.values().stream().filter(VarSpec::secret).forEach(v -> secrets.add(v.name()));
        return new Plan(runbook, inventory, vars, secrets, phases.get(0), phases.get(1), phases.get(2), monitors,
                sha256(hashed.toString()), null, null, null);
    }

    /**
     * Expands includes. In the main steps ({@code rollbacks} not null) an include brings the included
     * runbook's preflight checks (run just before its steps, so they see the cluster as the earlier
     * components left it), its steps, and its rollback, which is added to {@code rollbacks}.
     */
    private List<PlannedStep> expand(Runbook owner, List<Step> steps, Phase phase, String prefix, List<String> stack,
                                     Map<String, VarSpec> declared, StringBuilder hashed,
                                     List<List<PlannedStep>> rollbacks) {
        List<PlannedStep> out = new ArrayList<>();
        for (Step s : steps) {
            if (!(s.action() instanceof Action.Include inc)) {
                out.add(new PlannedStep(phase, prefix.isEmpty() ? s : renamed(s, prefix + s.id()), owner.id(), prefix, false));
                continue;
            }
            String where = "step '" + prefix + s.id() + "' of runbook " + owner.id();
            if (stack.contains(inc.runbookId())) {
                throw new PlanException(where + ": include " + inc.runbookId() + " makes a cycle ("
                        + String.join(" -> ", stack) + " -> " + inc.runbookId() + "); remove one of the includes");
            }
            Runbook child = includes.find(inc.runbookId()).orElseThrow(() -> new PlanException(where
                    + ": include " + inc.runbookId() + " is not in the runbook library; check the id or add the file"));
            for (VarSpec v : child.vars().values()) {
                VarSpec had = declared.putIfAbsent(v.name(), v);
                String clash = had == null ? null : IncludeVars.clash(had, v);
                if (clash != null) {
                    throw new PlanException(where + ": var " + v.name() + " of included runbook " + child.id() + " "
                            + clash + "; give both the same default and secret flag, or rename one");
                }
            }
            hashed.append('\n').append(child);
            stack.add(child.id());
            String inner = prefix + s.id() + "/";
            if (rollbacks == null) {
                out.addAll(expand(child, child.steps(), phase, inner, stack, declared, hashed, null));
            } else {
                expand(child, child.preflight(), phase, inner, stack, declared, hashed, null).stream()
                        .map(p -> new PlannedStep(p.phase(), p.step(), p.origin(), p.scope(), true)).forEach(out::add);
                List<List<PlannedStep>> childRollbacks = new ArrayList<>();
                out.addAll(expand(child, child.steps(), phase, inner, stack, declared, hashed, childRollbacks));
                List<PlannedStep> own = expand(child, child.rollback(), Phase.ROLLBACK, inner, stack, declared, hashed, null);
                rollbacks.add(unwinding(childRollbacks, own));
            }
            stack.remove(stack.size() - 1);
        }
        return out;
    }

    /** Included runbooks' rollbacks, the last included first, then the runbook's own rollback steps. */
    private static List<PlannedStep> unwinding(List<List<PlannedStep>> included, List<PlannedStep> own) {
        List<PlannedStep> out = new ArrayList<>();
        for (int i = included.size() - 1; i >= 0; i--) {
            out.addAll(included.get(i));
        }
        out.addAll(own);
        return out;
    }

    private static Step renamed(Step s, String id) {
        return new Step(id, s.title(), s.description(), s.action(), s.confirm(), s.when(), s.estimate(), s.serial(),
                s.retry(), s.pointOfNoReturn(), s.onFailure(), s.gate(), s.snapshot(), s.snapshotExpect(),
                s.approvers());
    }

    private static void checkRoles(Runbook runbook, Inventory inventory) {
        List<String> misfit = RunbookFit.problems(runbook, inventory);
        if (!misfit.isEmpty()) {
            throw new PlanException(String.join("\n", misfit));
        }
    }

    private static Map<String, String> values(Map<String, VarSpec> declared, Inventory inventory,
                                              Map<String, String> operatorVars, boolean secretPlaceholders) {
        for (String name : operatorVars.keySet()) {
            if (!declared.containsKey(name)) {
                throw new PlanException("--var " + name + ": the runbook declares no var named " + name
                        + " (declared: " + String.join(", ", declared.keySet()) + ")");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (VarSpec v : declared.values()) {
            String value = operatorVars.containsKey(v.name()) ? operatorVars.get(v.name())
                    : inventory.vars().containsKey(v.name()) ? inventory.vars().get(v.name()) : v.defaultValue();
            if (value == null && v.secret() && secretPlaceholders) {
                out.put(v.name(), SECRET_PLACEHOLDER);
            } else if (value == null) {
                missing.add(v.name() + (v.prompt() == null ? "" : " (" + v.prompt() + ")"));
            } else {
                out.put(v.name(), value);
            }
        }
        if (!missing.isEmpty()) {
            throw new PlanException("no value for var(s) " + String.join(", ", missing)
                    + ": pass --var NAME=VALUE or set them under vars: in the inventory");
        }
        return out;
    }

    private static Set<String> captureNames(List<PlannedStep> pre, List<PlannedStep> main, List<PlannedStep> back) {
        Set<String> names = new LinkedHashSet<>();
        for (List<PlannedStep> list : List.of(pre, main, back)) {
            for (PlannedStep s : list) {
                List<Expectation> all = new ArrayList<>();
                if (s.action() instanceof Action.Run r) {
                    all.addAll(r.expect());
                }
                if (s.step().gate() != null) {
                    all.addAll(s.step().gate().expect());
                }
                all.stream().filter(e -> e instanceof Expectation.Capture)
                        .forEach(e -> names.add(((Expectation.Capture) e).name()));
            }
        }
        return names;
    }

    private static void checkSelectors(PlannedStep s, Inventory inventory, Set<String> captures) {
        try {
            if (s.action() instanceof Action.Run r) {
                checkSelector(r.on(), inventory, captures);
            } else if (s.action() instanceof Action.Terminal t) {
                checkSelector(t.host(), inventory, captures);
            }
            if (s.step().gate() != null) {
                checkSelector(s.step().gate().on(), inventory, captures);
            }
        } catch (IllegalStateException e) {
            throw new PlanException("step '" + s.id() + "': " + e.getMessage());
        }
    }

    private static void checkSelector(dev.belay.runbook.Selector sel, Inventory inventory, Set<String> captures) {
        if (sel instanceof dev.belay.runbook.Selector.Extremum x && !captures.contains(x.var())) {
            throw new IllegalStateException("on: " + x.text() + ": no step captures " + x.var()
                    + "; add expect: - capture: { " + x.var() + ": REGEX } to an earlier step");
        }
        SelectorResolver.check(sel, inventory);
    }

    private static void checkUniqueIds(List<PlannedStep> all) {
        Set<String> seen = new LinkedHashSet<>();
        for (PlannedStep s : all) {
            if (!seen.add(s.id())) {
                throw new PlanException("step '" + s.id() + "' appears twice after includes are expanded; rename one");
            }
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /**
     * The content hash a plan of this runbook records (RUN_STARTED {@code contentHash}): the runbook
     * and every runbook it includes, independent of inventory and var values. Lets a reviewer check
     * that a runbook file is the one that ran.
     */
    public String contentHash(Runbook runbook) {
        StringBuilder hashed = new StringBuilder(runbook.toString());
        Map<String, VarSpec> declared = new LinkedHashMap<>(runbook.vars());
        for (List<Step> steps : List.of(runbook.preflight(), runbook.steps(), runbook.rollback())) {
            Phase phase = steps == runbook.preflight() ? Phase.PREFLIGHT : steps == runbook.steps() ? Phase.MAIN : Phase.ROLLBACK;
            // the main steps bring the included preflights and rollbacks too, as resolve() does
            expand(runbook, steps, phase, "", new ArrayList<>(List.of(runbook.id())), declared, hashed,
                    phase == Phase.MAIN ? new ArrayList<>() : null);
        }
        return sha256(hashed.toString());
    }
}
