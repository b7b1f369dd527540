package dev.workflowguard.rules;

import dev.workflowguard.finding.ManifestFix;
import dev.workflowguard.manifests.KubeObject;
import java.util.List;

/** Builds in-place edits of committed rendered manifests, only when the user asked for them. */
final class ManifestFixes {

    private ManifestFixes() {}

    /**
     * Set a field of an object; null unless `workflow.fix.manifests` is on, and null for an object of
     * the chart's fresh render, which lives in memory only: its fix belongs in the values.
     */
    static ManifestFix set(CheckContext context, KubeObject object, List<Object> path, String value, boolean quoted) {
        if (!context.fixOptions().manifests() || isRendered(context, object)) {
            return null;
        }
        return new ManifestFix(object.file(), object.document(), path, value, quoted, object.ref());
    }

    /** True when the object comes from the chart's fresh render, not from a committed file. */
    static boolean isRendered(CheckContext context, KubeObject object) {
        return context.rendered() != null
                && context.rendered().objects().stream().anyMatch(rendered -> rendered == object);
    }

    /** Set an annotation on a rendered router Deployment. */
    static ManifestFix annotation(CheckContext context, KubeObject object, String annotation, String value) {
        return set(context, object, object.path("metadata", "annotations", annotation), value, true);
    }
}
