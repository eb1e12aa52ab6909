package dev.belay.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a plan may run unattended ({@code --auto-confirm}). The procedures' nightly automation runs
 * on staging; on production an operator ticks the manual steps, unless the runbook's author wrote
 * {@code automation: { production: allowed }}.
 */
public final class UnattendedPolicy {

    /** Environment names treated as production (compared without case). */
    static final Set<String> PRODUCTION = Set.of("production", "prod");

    private UnattendedPolicy() {
    }

    public static boolean isProduction(String environment) {
        return environment != null && PRODUCTION.contains(environment.strip().toLowerCase(Locale.ROOT));
    }

    /** Throws when {@code plan} may not run with {@code --auto-confirm}; says why and what to change. */
    public static void checkAutoConfirm(Plan plan) {
        String env = plan.inventory().environment();
        if (isProduction(env) && !plan.runbook().productionAutomation()) {
            throw new PlanException("--auto-confirm refused: the inventory's environment is '" + env + "' and runbook "
                    + plan.runbook().id() + " does not allow unattended runs on production; run it without"
                    + " --auto-confirm (an operator ticks each manual step), or, if the runbook is meant for that, add"
                    + " 'automation: { production: allowed }' to it");
        }
    }
}
