package dev.workflowguard.check;

import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.render.Chart;
import dev.workflowguard.render.ChartLoader;
import dev.workflowguard.render.ChartValuesDefaults;
import dev.workflowguard.render.RenderException;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.DefaultValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage that settles which Workflow the inputs are for: the configured version, or the version
 * of the chart to render, whose own values.yaml files then give the defaults; without a chart, the
 * defaults of that release as workflow-guard knows them.
 *
 * @param chart the chart to render, loaded, or null when none is configured
 * @param version the Workflow version the check assumes
 * @param defaults the chart defaults the values are merged over
 * @param notes remarks for the log: a version the chart overrides, a version unset or unknown, a version whose
 *     nearest lower release's facts stand in
 */
record WorkflowRelease(Chart chart, WorkflowVersion version, DefaultValues defaults, List<String> notes) {

    static WorkflowRelease resolve(CheckInputs inputs) throws InputException {
        CheckRequest request = inputs.request();
        WorkflowVersion version = parseVersion(request.workflowVersion());
        List<String> notes = new ArrayList<>();
        Chart chart = null;
        DefaultValues defaults;
        if (request.chart() != null) {
            chart = loadChart(inputs);
            if (chart.version().isSet()) {
                if (version.isSet() && !version.display().equals(chart.version().display())) {
                    notes.add("the chart is Workflow " + chart.version().display() + "; its Chart.yaml version is used "
                            + "instead of the configured " + version.display());
                }
                version = chart.version();
            }
            defaults = readChartDefaults(chart, inputs, version);
        } else {
            defaults = ChartDefaults.forVersion(version);
        }
        WorkflowReleases table = WorkflowReleases.bundled();
        WorkflowVersion assumed = version;
        table.unknownNote(assumed)
                .or(() -> table.helmRelease(assumed).flatMap(WorkflowReleases.ReleaseMatch::note))
                .ifPresent(notes::add);
        return new WorkflowRelease(chart, version, defaults, List.copyOf(notes));
    }

    /** How many files of the chart Helm reads (none without a chart). */
    int chartFiles() {
        return chart == null ? 0 : chart.files();
    }

    private static WorkflowVersion parseVersion(String text) throws InputException {
        try {
            return WorkflowVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), Parameters.VERSION);
        }
    }

    private static Chart loadChart(CheckInputs inputs) throws InputException {
        String configured = inputs.request().chart();
        try {
            return new ChartLoader(inputs.request().limits())
                    .load(inputs.files().resolve(configured), configured);
        } catch (RenderException e) {
            throw new InputException(e.getMessage(), RenderedChart.PARAMETER);
        }
    }

    private static DefaultValues readChartDefaults(Chart chart, CheckInputs inputs, WorkflowVersion version)
            throws InputException {
        try {
            return ChartValuesDefaults.read(chart, inputs.request().limits(), version);
        } catch (RenderException e) {
            throw new InputException(e.getMessage(), RenderedChart.PARAMETER);
        }
    }
}
