package dev.workflowguard.values;

import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;

/**
 * The effective value at a path after merging, and where it came from.
 *
 * @param path the path asked for
 * @param state whether a file set it, deleted it, or left it to the chart
 * @param entry the entry that set (or deleted, or blocked) it; null when {@link State#UNSET}
 * @param chartDefault the chart's default, when the chart has one the rules know
 * @param entryPath the path of {@code entry} (a parent of {@code path} when a parent was deleted or blocked)
 */
public record Value(ValuesPath path, State state, YamlEntry entry, ChartDefault chartDefault, ValuesPath entryPath) {

    /** Where a value comes from. */
    public enum State {
        /** a values file sets it */
        SET,
        /** a values file sets it (or a parent) to null, which deletes the chart default */
        DELETED,
        /** no values file sets it; the chart default applies */
        UNSET,
        /** a values file sets a parent to something that is not a mapping */
        BLOCKED
    }

    public boolean isSet() {
        return state == State.SET;
    }

    /** The node a file set, or null. */
    public YamlNode node() {
        return state == State.SET ? entry.value() : null;
    }

    /** The scalar a file set, or null when it is unset or not a scalar. */
    public YamlScalar scalar() {
        return state == State.SET && entry.value() instanceof YamlScalar scalar && !scalar.isNull() ? scalar : null;
    }

    /**
     * The value as the chart renders it: what a file set, or else the known chart default; null
     * when a file set a collection or when the default is not known.
     */
    public String text() {
        if (state == State.SET) {
            YamlScalar scalar = scalar();
            return scalar == null ? (entry.value() instanceof YamlScalar ? "" : null) : scalar.rendered();
        }
        return chartDefault == null ? null : chartDefault.value();
    }

    /** True when the value comes from the chart (unset or deleted), not from what a file wrote. */
    public boolean fromChart() {
        return state != State.SET;
    }
}
