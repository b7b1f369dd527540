package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;

/**
 * `tls-not-enforced`: the router still serves plain HTTP. Satisfied by evidence from any input:
 * `ssl.enforce` or `ssl.hsts.enabled` (which implies it) set to true in values or on a rendered
 * router Deployment.
 */
public final class TlsNotEnforcedRule implements Rule {

    static final String ID = "tls-not-enforced";
    private static final String WHY = "clients that start on http:// keep talking in clear text";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "yes",
            "The router does not redirect HTTP to HTTPS (nginx.ssl.enforce / nginx.ssl.hsts.enabled not \"true\").",
            "Production Deployments: enable TLS; without enforcement " + WHY + ".",
            true,
            true,
            "Set `router.deis.io/nginx.ssl.enforce: \"true\"` under `router.deployment_annotations` (or `router.deis.io/nginx.ssl.hsts.enabled: \"true\"`, which implies it); `mvn workflow:fix` writes the first. Workflow 2.8's chart takes no router annotations from the values: there, annotate the `deis-router` Deployment with `kubectl --namespace=deis annotate` after each install or upgrade, or upgrade to 2.9 or later.");

    /** The router redirects to HTTPS: `ssl.enforce`, or `ssl.hsts.enabled` (which implies it), true on a router. */
    static final Evidence ENFORCED = new Evidence(
            "TLS enforced",
            "a Deployment `" + Router.DEPLOYMENT + "` with `" + Router.SSL_ENFORCE + "` or `" + Router.HSTS
                    + "` set to \"true\"",
            objects -> Router.annotationTrueIn(objects, Router.SSL_ENFORCE)
                    || Router.annotationTrueIn(objects, Router.HSTS));

    private static final ValuesKey ENFORCE = Router.annotationKey(Router.SSL_ENFORCE);
    private static final ObjectMatch ROUTER =
            Router.deployment(ObjectField.annotation(Router.SSL_ENFORCE), ObjectField.annotation(Router.HSTS));
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(ENFORCE, Router.annotationKey(Router.HSTS))
            .values(Router.NATIVE_INGRESS)
            .objects(ROUTER)
            .evidence(ENFORCED)
            .trace(Trace.keys(ENFORCE).comparing(ObjectField.ANNOTATIONS))
            .fixes(
                    RuleFix.values(ENFORCE, "`\"true\"`"),
                    RuleFix.manifest(ROUTER, ObjectField.annotation(Router.SSL_ENFORCE), "`\"true\"`"))
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
                || Router.annotationTrueInValues(context, Router.SSL_ENFORCE)
                || Router.annotationTrueInValues(context, Router.HSTS)
                || context.manifestsShow(ENFORCED)) {
            return;
        }
        boolean noKey = Router.annotationsMissingIn(context.version());
        String remedy = noKey
                ? "; " + Router.annotateInstead(context.version(), "deployment", Router.SSL_ENFORCE, "true")
                : "; set " + Router.SSL_ENFORCE + ": \"true\" under " + Router.ANNOTATIONS;
        EffectiveValues values = context.values();
        if (values != null && noKey) {
            // Workflow 2.8.x: the chart takes no router annotations from the values, so none is written there.
            findings.report(
                    "tls-enforce",
                    Router.placeWithoutAnnotationValues(
                            values,
                            Router.SSL_ENFORCE,
                            "the router sets neither " + Router.SSL_ENFORCE + " nor " + Router.HSTS + " to \"true\" "
                                    + "(the router default is \"false\"): " + WHY + remedy));
        } else if (values != null) {
            Value enforce = Router.annotation(values, Router.SSL_ENFORCE);
            String said = enforce.isSet()
                    ? ValueWords.describe(enforce)
                    : Router.ANNOTATIONS + " sets neither " + Router.SSL_ENFORCE + " nor " + Router.HSTS
                            + " to \"true\" (the router default is \"false\")";
            findings.report(
                    "tls-enforce",
                    Place.inValues(
                            Router.annotationLocation(values, Router.SSL_ENFORCE),
                            enforce.path().toString(),
                            said + ": " + WHY + remedy),
                    Fixes.set(enforce, "true", true));
        }
        for (KubeObject router : Router.deployments(context)) {
            String enforce = Router.annotationText(router, Router.SSL_ENFORCE);
            String said = enforce == null
                    ? "has neither " + Router.SSL_ENFORCE + " nor " + Router.HSTS + " set to \"true\""
                    : "has " + Router.SSL_ENFORCE + ": \"" + enforce + "\"";
            findings.report(
                    "tls-enforce",
                    Place.inManifest(
                            Router.annotationLocation(router, Router.SSL_ENFORCE),
                            router.ref(),
                            router.ref() + " " + said + ": " + WHY + remedy),
                    ManifestFixes.annotation(context, router, Router.SSL_ENFORCE, "true"));
        }
    }
}
