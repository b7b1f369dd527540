package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;

/**
 * `no-ip-whitelist`: the router accepts traffic from anywhere. Satisfied by evidence from any
 * input: `enforceWhitelists: "true"` or a `defaultWhitelist` in values or on a rendered router.
 */
public final class NoIpWhitelistRule implements Rule {

    static final String ID = "no-ip-whitelist";
    private static final String WHY = "for a cluster that serves a limited audience, a router-wide whitelist keeps "
            + "the API and apps away from everyone else";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.INFO,
            "with -Dworkflow.fix.whitelist=<cidrs>",
            "No router-wide IP whitelist (nginx.enforceWhitelists / nginx.defaultWhitelist).",
            "Production Deployments, security considerations: firewall the hosts and consider a router-wide IP "
                    + "whitelist.",
            true,
            true,
            "Set `router.deis.io/nginx.defaultWhitelist` to the allowed CIDRs under `router.deployment_annotations` (`mvn workflow:fix -Dworkflow.fix.whitelist=10.0.0.0/8` writes it), or `router.deis.io/nginx.enforceWhitelists: \"true\"` with a whitelist per app. Firewall the nodes too: only 80, 443, 2222 and 9090 need to be public. Workflow 2.8's chart takes no router annotations from the values: there, annotate the `deis-router` Deployment with `kubectl --namespace=deis annotate` after each install or upgrade, or upgrade to 2.9 or later.");

    /** Some router enforces app whitelists or sets a router-wide one. */
    static final Evidence WHITELISTED = new Evidence(
            "whitelisted",
            "a Deployment `" + Router.DEPLOYMENT + "` with `" + Router.ENFORCE_WHITELISTS + "` set to \"true\" or a `"
                    + Router.DEFAULT_WHITELIST + "`",
            objects -> Router.annotationTrueIn(objects, Router.ENFORCE_WHITELISTS)
                    || Router.annotationSetIn(objects, Router.DEFAULT_WHITELIST));

    private static final ValuesKey DEFAULT = Router.annotationKey(Router.DEFAULT_WHITELIST);
    private static final ObjectMatch ROUTER = Router.deployment(
            ObjectField.annotation(Router.ENFORCE_WHITELISTS), ObjectField.annotation(Router.DEFAULT_WHITELIST));
    private static final String CIDRS = "the CIDRs given by `-Dworkflow.fix.whitelist=10.0.0.0/8,…`";
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Router.annotationKey(Router.ENFORCE_WHITELISTS), DEFAULT)
            .values(Router.NATIVE_INGRESS)
            .objects(ROUTER)
            .evidence(WHITELISTED)
            .trace(Trace.keys(DEFAULT).comparing(ObjectField.ANNOTATIONS))
            .fixes(
                    RuleFix.values(DEFAULT, CIDRS).when("only when they are given"),
                    RuleFix.manifest(ROUTER, ObjectField.annotation(Router.DEFAULT_WHITELIST), CIDRS))
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
        if (Router.replacedByNativeIngress(context)
                || Router.annotationTrueInValues(context, Router.ENFORCE_WHITELISTS)
                || Router.annotationSetInValues(context, Router.DEFAULT_WHITELIST)
                || context.manifestsShow(WHITELISTED)) {
            return;
        }
        String cidrs = context.fixOptions().whitelist();
        boolean noKey = Router.annotationsMissingIn(context.version());
        String remedy = noKey
                ? "; "
                        + Router.annotateInstead(
                                context.version(),
                                "deployment",
                                Router.DEFAULT_WHITELIST,
                                cidrs == null ? "<CIDRs>" : cidrs)
                : "; set " + Router.DEFAULT_WHITELIST + " to the allowed CIDRs under " + Router.ANNOTATIONS
                        + (cidrs == null
                                ? " (`mvn workflow:fix -Dworkflow.fix.whitelist=10.0.0.0/8,…` writes it)"
                                : "");
        EffectiveValues values = context.values();
        if (values != null && noKey) {
            // Workflow 2.8.x: the chart takes no router annotations from the values, so none is written there.
            findings.report(
                    "whitelist",
                    Router.placeWithoutAnnotationValues(
                            values,
                            Router.DEFAULT_WHITELIST,
                            "the router has no " + Router.DEFAULT_WHITELIST + " and does not enforce app whitelists: "
                                    + WHY + remedy));
        } else if (values != null) {
            Value whitelist = Router.annotation(values, Router.DEFAULT_WHITELIST);
            findings.report(
                    "whitelist",
                    Place.inValues(
                            Router.annotationLocation(values, Router.DEFAULT_WHITELIST),
                            whitelist.path().toString(),
                            Router.ANNOTATIONS + " sets no " + Router.DEFAULT_WHITELIST
                                    + " and does not enforce app whitelists: " + WHY + remedy),
                    cidrs == null ? null : Fixes.set(whitelist, cidrs, true));
        }
        for (KubeObject router : Router.deployments(context)) {
            findings.report(
                    "whitelist",
                    Place.inManifest(
                            Router.annotationLocation(router, Router.DEFAULT_WHITELIST),
                            router.ref(),
                            router.ref() + " has no " + Router.DEFAULT_WHITELIST + " and does not enforce app "
                                    + "whitelists: " + WHY + remedy),
                    cidrs == null ? null : ManifestFixes.annotation(context, router, Router.DEFAULT_WHITELIST, cidrs));
        }
    }
}
