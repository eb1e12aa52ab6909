package dev.belay.ui.run;

import dev.belay.engine.RunMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What the start dialog collected. {@code vars} holds the operator's values, secrets included: it
 * lives only in memory until the plan is built, and is never shown or logged.
 */
public record StartRequest(Path runbookFile, InventoryChoice inventory, String operator, Map<String, String> vars,
                           Instant windowEnd, RunMode mode, boolean rehearsal, boolean stepByStep) {

    public StartRequest {
        vars = Map.copyOf(vars);
    }

    @Override
    public String toString() {
        return "StartRequest[" + runbookFile + ", " + inventory + ", " + operator + ", vars " + vars.keySet() + ", "
                + mode + "]";
    }
}
