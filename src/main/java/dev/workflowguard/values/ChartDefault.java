package dev.workflowguard.values;

import dev.workflowguard.finding.Location;

/**
 * What the Workflow chart sets for a key the user did not set.
 *
 * @param value the default as the chart renders it, or null when the default depends on a
 *     version that is not known
 * @param explanation words for a message: "chart default for Workflow 2.11.0 is \"enabled\""
 * @param location where the chart sets it (its own values.yaml), or null for the built-in table
 */
public record ChartDefault(String value, String explanation, Location location) {

    public ChartDefault(String value, String explanation) {
        this(value, explanation, null);
    }

    public boolean isKnown() {
        return value != null;
    }
}
