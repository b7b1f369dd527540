package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlScalar;

/** `rbac-disabled`: Workflow's components run without RBAC objects. */
public final class RbacDisabledRule implements Rule {

    static final String ID = "rbac-disabled";
    static final String PATH = "global.use_rbac";
    private static final String WHY = "on an RBAC cluster the components then lack their permissions, and without "
            + "RBAC every pod's service account is unrestricted";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "yes",
            "RBAC objects are not rendered (global.use_rbac false; the default in Deis Workflow up to 2.19).",
            "Security considerations: components should run with the least privileges; " + WHY + ".",
            true,
            true,
            "Set `global.use_rbac: true` on clusters with RBAC (every current Kubernetes); `mvn workflow:fix` writes it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null) {
            Value rbac = values.get(PATH);
            boolean enabled;
            if (rbac.isSet()) {
                YamlScalar scalar = rbac.scalar();
                enabled = scalar != null && scalar.isTemplateTruthy();
            } else {
                // Only an unset key takes the chart default; a null deletes it and the templates see it as false.
                enabled = rbac.state() == Value.State.UNSET && "true".equals(rbac.text());
            }
            if (!enabled) {
                String advice = rbac.state() == Value.State.UNSET && rbac.text() == null ? "; set it explicitly" : "";
                findings.report(
                        "rbac",
                        Place.inValues(values.locate(rbac), PATH, ValueWords.describe(rbac) + ": " + WHY + advice),
                        Fixes.set(rbac, "true", false));
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests == null || deisRoles(manifests)) {
            return;
        }
        // One place for the whole render, however many files it spans: its first deis-* workload.
        KubeObject first = firstDeisWorkload(manifests);
        if (first != null) {
            findings.reportFirstInManifests(
                    "rbac",
                    Place.inManifest(
                            first.location(),
                            first.ref(),
                            "the render has deis-* workloads (first: " + first.ref() + ") but no Role or "
                                    + "ClusterRole for them: " + WHY + "; set " + PATH + ": true and re-render"));
        }
    }

    private static KubeObject firstDeisWorkload(ManifestSet manifests) {
        for (KubeObject object : manifests.objects()) {
            if (object.isWorkload() && object.name().startsWith("deis-")) {
                return object;
            }
        }
        return null;
    }

    /** True when a Role or ClusterRole for Workflow (deis*) is among the objects. */
    static boolean deisRoles(ManifestSet manifests) {
        for (KubeObject o : manifests.objects()) {
            if ((o.kind().equals("Role") || o.kind().equals("ClusterRole"))
                    && o.name().startsWith("deis")) {
                return true;
            }
        }
        return false;
    }
}
