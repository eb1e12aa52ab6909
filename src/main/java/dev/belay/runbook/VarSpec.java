package dev.belay.runbook;

/**
 * A declared variable. {@code defaultValue} is null when the runbook gives none. A secret's value is
 * never stored or recorded: the audit log masks it wherever it appears.
 */
public record VarSpec(String name, String prompt, String defaultValue, boolean secret) {
}
