package dev.workflowguard.rules;

import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;

/**
 * Everything a rule may look at.
 *
 * @param values the merged values, or null when no values files are configured
 * @param manifests the rendered objects, or null when no manifests are configured
 * @param version the Workflow release the inputs target
 * @param externalCertificate a declared TLS certificate managed outside the chart, or null
 * @param fixOptions the choices fixes are proposed with
 * @param rendered the chart's fresh render, or null when no chart is configured
 * @param committed the committed manifests as read, or null when none are configured
 * @param probe re-renders the chart to prove which values key controls a rendered field; null when no
 *     chart is configured
 */
public record CheckContext(
        EffectiveValues values,
        ManifestSet manifests,
        WorkflowVersion version,
        String externalCertificate,
        FixOptions fixOptions,
        ManifestSet rendered,
        ManifestSet committed,
        RenderProbe probe) {

    public CheckContext(
            EffectiveValues values,
            ManifestSet manifests,
            WorkflowVersion version,
            String externalCertificate,
            FixOptions fixOptions,
            ManifestSet rendered,
            ManifestSet committed) {
        this(values, manifests, version, externalCertificate, fixOptions, rendered, committed, null);
    }

    public CheckContext(
            EffectiveValues values,
            ManifestSet manifests,
            WorkflowVersion version,
            String externalCertificate,
            FixOptions fixOptions) {
        this(values, manifests, version, externalCertificate, fixOptions, null, manifests);
    }

    public boolean hasValues() {
        return values != null;
    }

    public boolean hasManifests() {
        return manifests != null;
    }

    /** True when the manifests show the evidence. */
    public boolean manifestsShow(Evidence evidence) {
        return manifests != null && evidence.shownIn(manifests);
    }
}
