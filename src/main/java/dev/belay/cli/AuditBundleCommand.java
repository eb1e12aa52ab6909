package dev.belay.cli;

import dev.belay.audit.bundle.EvidenceBundle;
import dev.belay.engine.RunbookContentHash;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code belay audit bundle RUN --out FILE.zip}: the evidence of a run, in one zip a browser can read. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Write the evidence of a run as one zip: index.html linking the HTML, Markdown and JSON reports,",
                "every terminal recording (.cast and text), the runbook with its hash, the inventory (secrets masked),",
                "the output of 'audit verify' and SHA256SUMS. Exit 0 written, 1 no such run or cannot write."})
public final class AuditBundleCommand implements Callable<Integer> {

    @Mixin
    AuditCommand.Db db;
    @Parameters(paramLabel = "RUN", description = "The run id.")
    String runId;
    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the zip.")
    Path out;

    @Override
    public Integer call() {
        return db.with((store, stdout, err) -> {
            Optional<EvidenceBundle.Written> w = EvidenceBundle.write(store, runId, out, RunbookContentHash::of);
            if (w.isEmpty()) {
                return AuditCommand.noRun(runId, store, err);
            }
            stdout.println("Wrote " + out + " (" + w.get().entries().size() + " files; open index.html)");
            return AuditCommand.OK;
        });
    }
}
