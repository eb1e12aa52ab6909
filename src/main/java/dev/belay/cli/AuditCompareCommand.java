package dev.belay.cli;

import dev.belay.audit.compare.ComparisonText;
import dev.belay.audit.compare.RunComparison;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code belay audit compare A B}: two runs side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs (production against its staging rehearsal, or last month's): steps with",
                "durations against each other, checks that passed in one and failed in the other, and output",
                "differences per step and host. Exit 0 shown, 1 a run is not in the log."})
public final class AuditCompareCommand implements Callable<Integer> {

    @Mixin
    AuditCommand.Db db;
    @Parameters(index = "0", paramLabel = "A", description = "The first run id (the reference, e.g. the rehearsal).")
    String runA;
    @Parameters(index = "1", paramLabel = "B", description = "The second run id.")
    String runB;

    @Override
    public Integer call() {
        return db.with((store, out, err) -> {
            Optional<RunComparison> c = RunComparison.load(store, runA, runB);
            if (c.isEmpty()) {
                String missing = store.run(runA).isEmpty() ? runA : runB;
                return AuditCommand.noRun(missing, store, err);
            }
            out.print(ComparisonText.render(c.get()));
            out.flush();
            return AuditCommand.OK;
        });
    }
}
