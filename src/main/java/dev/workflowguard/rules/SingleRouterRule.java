package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.HelmScalars;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * `single-router`: one deis-router pod. Satisfied by evidence from any input: a values replica
 * key of 2 or more, a rendered router Deployment with 2 or more replicas, or a
 * HorizontalPodAutoscaler with `minReplicas` ≥ 2 targeting it. With a chart, a replica key is
 * blamed (and corrected) only when re-rendering proves the chart reads it: the stock chart
 * hard-codes one replica, forks expose `router.replicas`.
 */
public final class SingleRouterRule implements Rule {

    static final String ID = "single-router";
    private static final List<ValuesKey> REPLICA_KEYS = Router.REPLICA_KEYS;

    private static final List<Object> REPLICAS_FIELD = List.of("spec", "replicas");
    private static final String CAUSE = "router-replicas";
    private static final String REMEDY = "scale it after each install or upgrade with `kubectl --namespace=deis scale "
            + "--replicas=2 deployment/deis-router`, or commit a HorizontalPodAutoscaler (scaleTargetRef: "
            + "Deployment deis-router, minReplicas: 2)";
    private static final String WHY = "if the only router pod goes, the Workflow API and every app become unreachable";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "when the chart exposes router.replicas / router.replica_count (or with -Dworkflow.fix.manifests=true)",
            "Only one deis-router pod runs (the stock chart hard-codes replicas: 1).",
            "Production Deployments: scale routers to more than one pod; " + WHY + ".",
            true,
            true,
            "The stock chart hard-codes one replica: after each install or upgrade run `kubectl --namespace=deis scale --replicas=2 deployment/deis-router`, or commit a HorizontalPodAutoscaler for Deployment `deis-router` with `minReplicas: 2`. On a chart that exposes `router.replicas` (or `router.replica_count`), as forks do, set it to 2 or more; `mvn workflow:fix` does. With `<chart>`, the plugin renders the chart again with the key changed to see whether the chart reads it, and names the key only then. In committed manifests, `-Dworkflow.fix.manifests=true` sets `spec.replicas: 2`.");

    private static final ObjectField REPLICAS = ObjectField.of("spec.replicas");
    private static final ObjectMatch ROUTER = Router.deployment(REPLICAS);
    private static final ObjectMatch AUTOSCALERS = ObjectMatch.any("HorizontalPodAutoscaler")
            .reading(
                    ObjectField.of("spec.scaleTargetRef.kind"),
                    ObjectField.of("spec.scaleTargetRef.name"),
                    ObjectField.of("spec.minReplicas"));

    /** Two or more router pods, whichever rendered object shows it. */
    static final Evidence SCALED = new Evidence(
            "router scaled",
            "a Deployment `deis-router` with `spec.replicas` of 2 or more, or a HorizontalPodAutoscaler targeting it "
                    + "with `minReplicas` of 2 or more",
            SingleRouterRule::scaledIn);

    private static final String EXPOSED = "when the values set it, or the chart renders the replicas from it";
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(REPLICA_KEYS)
            .values(Router.NATIVE_INGRESS)
            .objects(ROUTER, AUTOSCALERS)
            .evidence(SCALED)
            .trace(Trace.keys(REPLICA_KEYS))
            .fixes(
                    RuleFix.values(REPLICA_KEYS.get(0), "`2`").when(EXPOSED),
                    RuleFix.values(REPLICA_KEYS.get(1), "`2`").when(EXPOSED),
                    RuleFix.manifest(ROUTER, REPLICAS, "`2`"))
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
        if (Router.replacedByNativeIngress(context) || scaledAnywhere(context)) {
            return;
        }
        ValuesPath exposed = exposedKey(context);
        EffectiveValues values = context.values();
        if (values != null) {
            checkValues(context, values, exposed, findings);
        }
        for (KubeObject router : Router.deployments(context)) {
            YamlEntry replicas = router.entryAt("spec", "replicas");
            Location at = replicas != null ? router.locationOf(replicas) : router.location();
            String count = replicas == null ? "no spec.replicas (so 1)" : "spec.replicas: " + text(replicas.value());
            String remedy = exposed != null && ManifestFixes.isRendered(context, router)
                    ? "set " + exposed + " to 2 or more in the values; the chart renders spec.replicas from it"
                    : REMEDY;
            findings.report(
                    CAUSE,
                    Place.inManifest(
                            at,
                            router.ref(),
                            router.ref() + " has " + count
                                    + " and no HorizontalPodAutoscaler with minReplicas >= 2 targets it: " + WHY + "; "
                                    + remedy),
                    ManifestFixes.set(context, router, router.path("spec", "replicas"), "2", false));
        }
    }

    private void checkValues(CheckContext context, EffectiveValues values, ValuesPath exposed, RuleFindings findings) {
        if (exposed != null) {
            Value replicas = values.get(exposed);
            findings.report(
                    CAUSE,
                    Place.inValues(
                            values.locate(replicas),
                            exposed.toString(),
                            ValueWords.describe(replicas) + ": " + WHY + "; set it to 2 or more (the chart renders the "
                                    + "router's spec.replicas from it)"),
                    Fixes.set(replicas, "2", false));
            return;
        }
        for (ValuesKey key : REPLICA_KEYS) {
            Value replicas = values.get(key.path());
            if (replicas.isSet() && context.rendered() != null) {
                // The render shows one router whatever the key says: the chart ignores it, and the rendered place
                // says that no values key controls the field. The key is not blamed.
                return;
            }
            if (replicas.isSet() && key.missingIn(values.version())) {
                // The release's chart has no such key: the value changes nothing, and no fix may write it.
                findings.report(
                        CAUSE,
                        Place.inValues(
                                values.locate(replicas),
                                key.text(),
                                key + " has no effect on " + Releases.named(values.version()) + ": its chart "
                                        + "hard-codes replicas: 1 for deis-router and has no replica key; " + WHY
                                        + "; " + REMEDY));
                return;
            }
            if (replicas.isSet()) {
                findings.report(
                        CAUSE,
                        Place.inValues(
                                values.locate(replicas),
                                key.text(),
                                ValueWords.describe(replicas) + ": " + WHY + "; set it to 2 or more"),
                        Fixes.set(replicas, "2", false));
                return;
            }
        }
        Location at = values.locateAbsent(REPLICA_KEYS.get(0).path());
        findings.report(
                CAUSE,
                Place.inValues(
                        at,
                        "router",
                        "the stock Workflow chart runs one "
                                + "deis-router pod (replicas: 1 is hard-coded; no values key changes it): " + WHY + "; "
                                + REMEDY));
    }

    /**
     * The replica key of a chart that exposes one (forks do): the first of {@link #REPLICA_KEYS} whose change,
     * rendered again, changes the rendered router's spec.replicas. Null without a chart, or when the chart
     * hard-codes the count as the stock chart does.
     */
    private static ValuesPath exposedKey(CheckContext context) {
        if (context.probe() == null || context.rendered() == null) {
            return null;
        }
        KubeObject router = context.rendered().first("Deployment", Router.DEPLOYMENT);
        if (router == null) {
            return null;
        }
        return context.probe()
                .firstControlling(REPLICA_KEYS.stream().map(ValuesKey::path).toList(), router, REPLICAS_FIELD);
    }

    /**
     * True when any input shows two or more router pods. A replica key the release's chart lacks shows
     * nothing: the chart renders one pod whatever it says.
     */
    private static boolean scaledAnywhere(CheckContext context) {
        return (Router.valuesAreEvidence(context)
                        && REPLICA_KEYS.stream()
                                .filter(key -> !key.missingIn(context.values().version()))
                                .map(key -> context.values().get(key.path()))
                                .anyMatch(replicas -> replicas.isSet() && atLeastTwo(replicas.node())))
                || context.manifestsShow(SCALED);
    }

    /** True when a router Deployment, or an autoscaler targeting it, runs two or more pods. */
    private static boolean scaledIn(ManifestSet objects) {
        return objects.named("Deployment", Router.DEPLOYMENT).stream()
                        .anyMatch(deployment -> atLeastTwo(deployment.at("spec", "replicas")))
                || objects.ofKind("HorizontalPodAutoscaler").stream()
                        .anyMatch(hpa -> "Deployment".equals(hpa.text("spec", "scaleTargetRef", "kind"))
                                && Router.DEPLOYMENT.equals(hpa.text("spec", "scaleTargetRef", "name"))
                                && atLeastTwo(hpa.at("spec", "minReplicas")));
    }

    /** True when the node is a whole number of 2 or more. */
    private static boolean atLeastTwo(YamlNode node) {
        if (node instanceof YamlScalar scalar && !scalar.isNull()) {
            Optional<BigInteger> count = HelmScalars.parseInt(scalar.text());
            return count.isPresent() && count.get().longValue() >= 2;
        }
        return false;
    }

    private static String text(YamlNode node) {
        return node instanceof YamlScalar scalar ? scalar.text() : node.describeType();
    }
}
