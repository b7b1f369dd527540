package dev.workflowguard.values;

import java.util.Optional;

/**
 * Where unset values come from: the built-in table of the Workflow chart's defaults per release,
 * or, when a chart is configured, the chart's own values files.
 */
public interface DefaultValues {

    /** The chart's default for a path, if known. */
    Optional<ChartDefault> lookup(ValuesPath path);

    /** The Workflow release these defaults belong to. */
    WorkflowVersion version();
}
