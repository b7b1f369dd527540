package dev.workflowguard.values;

import dev.workflowguard.finding.Location;
import dev.workflowguard.release.WorkflowVersion;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where unset values come from: the built-in table of the Workflow chart's defaults per release,
 * or, when a chart is configured, the chart's own values files.
 */
public interface DefaultValues {

    /** The chart's default for a path, if known. */
    Optional<ChartDefault> lookup(ValuesPath path);

    /**
     * Where the chart's own values set the key, or else its deepest parent (the line a key set nowhere
     * would go under); empty for the built-in table, which has no file.
     */
    default Optional<Location> nearest(ValuesPath path) {
        return Optional.empty();
    }

    /**
     * Every path a default is known for (none when unknown), so that a fix can prove it brings back no
     * chart default that a null in the values deleted.
     */
    default Collection<ValuesPath> paths() {
        return List.of();
    }

    /** The Workflow release these defaults belong to. */
    WorkflowVersion version();
}
