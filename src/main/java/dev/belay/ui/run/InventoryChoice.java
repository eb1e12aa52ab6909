package dev.belay.ui.run;

import java.nio.file.Path;

/** Where a run's hosts come from. */
public sealed interface InventoryChoice {

    /** A Belay inventory file. */
    record File(Path path) implements InventoryChoice {
    }

    /** An Ansible inventory (INI or YAML), imported: its groups become roles. */
    record Ansible(Path path, String environment) implements InventoryChoice {
    }

    /**
     * The practice lab, started in-process with {@code hosts} hosts (more if the runbook's roles need
     * them) and {@code faults} injected ({@code KIND@HOST}, see docs/lab.md).
     */
    record PracticeLab(int hosts, java.util.List<dev.belay.lab.Fault> faults) implements InventoryChoice {
        public PracticeLab {
            faults = java.util.List.copyOf(faults);
        }

        /** Three hosts, no faults. */
        public PracticeLab() {
            this(3, java.util.List.of());
        }
    }
}
