package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.render.HelmRenderer;
import dev.workflowguard.render.Provenance;
import dev.workflowguard.rules.RenderProbe;
import java.util.List;
import java.util.function.Function;

/**
 * The stage that renders the chart, when one is configured, with the user's values: the objects
 * the rules then read are the render's plus the committed ones it does not render, and provenance
 * traces each finding on the render back to the values line that produced it.
 *
 * @param chart the chart's render, or null without a chart
 * @param manifests the objects the rules read: the render with the committed objects it lacks, or
 *     the committed objects alone (null without manifests and chart)
 * @param provenance re-renders the chart to tell which values key controls a field and moves places
 *     off the render; null without a chart
 * @param notes remarks for the log (what was rendered, in how long)
 */
record Rendering(RenderedChart chart, ManifestSet manifests, Provenance provenance, List<String> notes) {

    /** {@link #render(CheckInputs, WorkflowRelease, UserValues, CommittedManifests, KnownSecrets, Checker.Progress)}, telling no one. */
    static Rendering render(
            CheckInputs inputs,
            WorkflowRelease release,
            UserValues values,
            CommittedManifests committed,
            KnownSecrets secrets)
            throws InputException {
        return render(inputs, release, values, committed, secrets, (done, total) -> {});
    }

    static Rendering render(
            CheckInputs inputs,
            WorkflowRelease release,
            UserValues values,
            CommittedManifests committed,
            KnownSecrets secrets,
            Checker.Progress progress)
            throws InputException {
        if (release.chart() == null) {
            return new Rendering(null, committed.objects(), null, List.of());
        }
        CheckRequest request = inputs.request();
        RenderedChart rendered;
        progress.working("rendering " + release.chart().displayRoot() + " with Helm");
        try {
            rendered = RenderedChart.render(release.chart(), request, values.files(), inputs.loader());
        } catch (InputException e) {
            throw e.masked(secrets.mask());
        }
        String note = "rendered " + release.chart().displayRoot() + " (Workflow "
                + release.version().display()
                + ") with Helm: " + rendered.objects().objects().size() + " objects checked"
                + (rendered.cached() ? " (render reused)" : " in " + rendered.millis() + " ms");
        // One provenance for the rules' questions and the relocation after them: they share its probe renders.
        Provenance provenance = new Provenance(
                new HelmRenderer(request.helmLibrary(), request.renderCache()),
                rendered.request(),
                rendered.objects(),
                rendered.file(),
                values.effective(),
                release.defaults(),
                inputs.loader(),
                inputs.reader(),
                request.rules(),
                probes -> progress.working("tracing the findings on the render of "
                        + release.chart().displayRoot() + " to values lines (" + probes
                        + " probe renders so far, on " + Provenance.threads() + " threads)"));
        return new Rendering(rendered, RenderedChart.combine(rendered, committed.objects()), provenance, List.of(note));
    }

    /** The objects of the chart's render, or null without a chart. */
    ManifestSet rendered() {
        return chart == null ? null : chart.objects();
    }

    /** The findings with every place on the render moved to the project file that caused it. */
    List<Finding> relocate(List<Finding> findings) {
        return provenance == null ? findings : provenance.relocate(findings);
    }

    /**
     * What the rules find with the probe given them (provenance, or null without a chart), every place on the
     * render moved to the project file that caused it; with a chart, the rules' questions and the tracing's share
     * one round of probe renders ({@link Provenance#findAndRelocate}).
     */
    List<Finding> findAndRelocate(Function<RenderProbe, List<Finding>> rules) {
        return provenance == null ? rules.apply(null) : provenance.findAndRelocate(rules);
    }
}
