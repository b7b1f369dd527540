package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlScalar;
import java.util.List;

/** `rbac-disabled`: Workflow's components run without RBAC objects. */
public final class RbacDisabledRule implements Rule {

    static final String ID = "rbac-disabled";
    private static final ValuesKey USE_RBAC = Rbac.USE_RBAC;
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
            "Set `global.use_rbac: true` on clusters with RBAC (every current Kubernetes); `mvn workflow:fix` writes it. "
                    + "Before Workflow 2.15 the chart has no such key and renders no RBAC objects: the remedy is an "
                    + "upgrade to 2.15 or later.");

    private static final ObjectMatch ROLE_OBJECTS = ObjectMatch.prefixed("deis", List.of("Role", "ClusterRole"));

    /** The Workflow roles, rendered when RBAC is on. */
    static final Evidence ROLES = new Evidence(
            "deis roles",
            "a Role or ClusterRole named `deis*`",
            objects -> objects.objects().stream().anyMatch(ROLE_OBJECTS::matches));

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(USE_RBAC)
            // The first deis-* workload is where a render without roles is reported.
            .objects(ROLE_OBJECTS, ObjectMatch.prefixed("deis-", KubeObject.WORKLOAD_KINDS))
            .evidence(ROLES)
            .trace(Trace.keys(USE_RBAC).comparing(ROLES))
            .fixes(RuleFix.values(USE_RBAC, "`true`, unquoted"))
            .build();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null && USE_RBAC.missingIn(values.version())) {
            reportNoSwitch(values, findings);
        } else if (values != null) {
            Value rbac = values.get(USE_RBAC.path());
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
                        Place.inValues(
                                values.locate(rbac), USE_RBAC.text(), ValueWords.describe(rbac) + ": " + WHY + advice),
                        Fixes.set(rbac, "true", false));
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests == null || ROLES.shownIn(manifests)) {
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
                                    + "ClusterRole for them: " + WHY + "; " + remedy(context.version())));
        }
    }

    /** The release's chart has no RBAC switch and renders no RBAC objects, whatever the values say. */
    private static void reportNoSwitch(EffectiveValues values, RuleFindings findings) {
        Value rbac = values.get(USE_RBAC.path());
        String said = rbac.isSet()
                ? USE_RBAC + " has no effect on " + Releases.named(values.version())
                : Releases.named(values.version()) + " has no RBAC switch";
        findings.report(
                "rbac",
                Place.inValues(
                        values.locate(rbac),
                        USE_RBAC.text(),
                        said + ": its chart renders no Role or ClusterRole objects, so " + WHY + "; "
                                + Releases.upgradeFor(USE_RBAC) + ", whose chart renders them"));
    }

    /** What a render without roles asks for: the key where the release has it, otherwise an upgrade. */
    private static String remedy(WorkflowVersion version) {
        return USE_RBAC.missingIn(version)
                ? Releases.upgradeFor(USE_RBAC) + ", whose chart renders them (" + Releases.named(version)
                        + " has no RBAC switch)"
                : "set " + USE_RBAC + ": true and re-render";
    }

    private static KubeObject firstDeisWorkload(ManifestSet manifests) {
        return manifests.objects().stream()
                .filter(object -> object.isWorkload() && object.name().startsWith("deis-"))
                .findFirst()
                .orElse(null);
    }
}
