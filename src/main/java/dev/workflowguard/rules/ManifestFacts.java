package dev.workflowguard.rules;

import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.WorkflowVersion;

/**
 * What the rules conclude from rendered objects taken together rather than one by one: evidence
 * that satisfies a rule about something missing, and which objects a rule reports at. A set of
 * manifest files can be checked file by file, and the results joined, exactly when every file
 * shows the same facts as all of them together; otherwise the files must be checked as one set.
 *
 * <p>Every rule that looks at more than one rendered object at a time must be reflected here (see
 * each rule's "anywhere" predicates); FileByFileCheckTest compares both ways of checking.
 *
 * @param routerScaled a router Deployment or its autoscaler shows two or more pods (single-router)
 * @param tlsEvidence a certificate annotation on the router Service or the platform cert Secret (tls-missing)
 * @param routerService a deis-router Service is rendered, so tls-missing points at it, not the Deployment
 * @param sslEnforced a router Deployment enforces TLS or HSTS (tls-not-enforced)
 * @param whitelisted a router Deployment enforces whitelists or sets a default one (no-ip-whitelist)
 * @param deisRoles a deis Role or ClusterRole is rendered (rbac-disabled)
 */
public record ManifestFacts(
        boolean routerScaled,
        boolean tlsEvidence,
        boolean routerService,
        boolean sslEnforced,
        boolean whitelisted,
        boolean deisRoles) {

    /** The facts the objects alone show (no values, no declared certificate). */
    public static ManifestFacts of(ManifestSet objects, FixOptions fixOptions) {
        CheckContext alone = new CheckContext(null, objects, WorkflowVersion.UNSET, null, fixOptions);
        return new ManifestFacts(
                SingleRouterRule.scaledAnywhere(alone),
                TlsMissingRule.hasEvidence(alone),
                objects.contains("Service", Router.DEPLOYMENT),
                Router.annotationTrueAnywhere(alone, Router.SSL_ENFORCE)
                        || Router.annotationTrueAnywhere(alone, Router.HSTS),
                Router.annotationTrueAnywhere(alone, Router.ENFORCE_WHITELISTS)
                        || Router.annotationSetAnywhere(alone, Router.DEFAULT_WHITELIST),
                RbacDisabledRule.deisRoles(objects));
    }

    // Written out: a record's generated equals and hashCode are bootstrapped through method handles
    // the first time they run, about 75 ms in the cold JVM of a `mvn verify` that reads manifests.

    @Override
    public boolean equals(Object other) {
        return other instanceof ManifestFacts that
                && routerScaled == that.routerScaled
                && tlsEvidence == that.tlsEvidence
                && routerService == that.routerService
                && sslEnforced == that.sslEnforced
                && whitelisted == that.whitelisted
                && deisRoles == that.deisRoles;
    }

    @Override
    public int hashCode() {
        return (routerScaled ? 1 : 0)
                | (tlsEvidence ? 2 : 0)
                | (routerService ? 4 : 0)
                | (sslEnforced ? 8 : 0)
                | (whitelisted ? 16 : 0)
                | (deisRoles ? 32 : 0);
    }
}
