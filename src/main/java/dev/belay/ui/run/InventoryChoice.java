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

    /** The practice lab, started in-process with as many hosts as the runbook's roles need. */
    record PracticeLab() implements InventoryChoice {
    }
}
