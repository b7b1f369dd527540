package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
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
            "Set `router.deis.io/nginx.ssl.enforce: \"true\"` under `router.deployment_annotations` (or `router.deis.io/nginx.ssl.hsts.enabled: \"true\"`, which implies it); `mvn workflow:fix` writes the first.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        if (Router.replacedByNativeIngress(context)
                || Router.annotationTrueAnywhere(context, Router.SSL_ENFORCE)
                || Router.annotationTrueAnywhere(context, Router.HSTS)) {
            return;
        }
        String remedy = "; set " + Router.SSL_ENFORCE + ": \"true\" under " + Router.ANNOTATIONS;
        EffectiveValues values = context.values();
        if (values != null) {
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
