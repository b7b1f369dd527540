package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow 2.8.x: the release table says its chart has neither router.deployment_annotations nor
 * router.service_annotations (both appear in 2.9.0). The router annotation rules then name neither key, say to
 * annotate the object with kubectl or to upgrade, offer no values fix, and take no annotation in the values as
 * evidence; from 2.9.0 on, they name the keys and fix them as before.
 */
class RouterAnnotationsBefore29Test {

    /** Line 3 the router, line 4 the annotations key, line 5 an annotation (its value at column 39). */
    private static final String VALUES = """
            global:
              storage: s3
            router:
              deployment_annotations:
                router.deis.io/nginx.ssl.enforce: "true"
            """;

    private static final String UPGRADE =
            "or upgrade Workflow to 2.9.0 or later, whose chart takes them from the values";

    @TempDir
    Path dir;

    private CheckResult check(String version, String values) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", values);
        return repo.check(b -> b.workflowVersion(version)
                .values("values.yaml")
                .fixOptions(new FixOptions(null, null, "10.0.0.0/8", false)));
    }

    @Test
    void noWhitelistSaysToAnnotateTheDeploymentAndOffersNoFix() throws Exception {
        Finding finding = Findings.single(check("2.8.0", "global:\n  storage: s3\n"), "no-ip-whitelist");
        Findings.at(finding, "values.yaml:1:1"); // no router key: where it would go
        assertEquals(
                "the router has no router.deis.io/nginx.defaultWhitelist and does not enforce app whitelists: for a "
                        + "cluster that serves a limited audience, a router-wide whitelist keeps the API and apps away "
                        + "from everyone else; the chart of Workflow 2.8.0 sets no deployment annotations from the "
                        + "values: after each install or upgrade run `kubectl --namespace=deis annotate --overwrite "
                        + "deployment/deis-router router.deis.io/nginx.defaultWhitelist=10.0.0.0/8` (the next helm "
                        + "upgrade drops it), " + UPGRADE,
                finding.places().get(0).message());
        assertEquals("router", finding.places().get(0).valuesPath());
        assertNull(finding.fix(), "no values key to write on 2.8");
    }

    @Test
    void anAnnotationSetInTheValuesHasNoEffectThereAndIsNoEvidence() throws Exception {
        CheckResult result = check("2.8.1", VALUES);
        Finding enforced = Findings.single(result, "tls-not-enforced");
        Findings.at(enforced, "values.yaml:5:39");
        Findings.says(
                enforced,
                "router.deployment_annotations.\"router.deis.io/nginx.ssl.enforce\" has no effect on Workflow 2.8.1; "
                        + "the router sets neither router.deis.io/nginx.ssl.enforce nor "
                        + "router.deis.io/nginx.ssl.hsts.enabled to \"true\"",
                "`kubectl --namespace=deis annotate --overwrite deployment/deis-router "
                        + "router.deis.io/nginx.ssl.enforce=true`",
                UPGRADE);
        assertNull(enforced.fix());
        Finding protocols = Findings.single(result, "tls-legacy-protocols");
        Findings.says(
                protocols,
                "the router has no router.deis.io/nginx.ssl.protocols annotation",
                "router.deis.io/nginx.ssl.protocols='TLSv1.2 TLSv1.3'`");
        assertEquals("router", protocols.places().get(0).valuesPath());
        assertNull(protocols.fix());
    }

    @Test
    void noCertificateSaysToAnnotateTheServiceWithoutNamingTheKey() throws Exception {
        Finding finding = Findings.single(check("2.8.0", VALUES), "tls-missing");
        Findings.says(
                finding,
                "no TLS is configured: the router Service has no load-balancer certificate annotation",
                "`kubectl --namespace=deis annotate --overwrite service/deis-router "
                        + "service.beta.kubernetes.io/aws-load-balancer-ssl-cert=<certificate ARN>`",
                UPGRADE);
        Findings.noMessageContains(check("2.8.0", VALUES), "router.service_annotations");
        String withCertificate = VALUES
                + "  service_annotations:\n    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: \"arn:x\"\n";
        Finding ignored = Findings.single(check("2.8.0", withCertificate), "tls-missing");
        Findings.at(ignored, "values.yaml:6:3");
        Findings.says(ignored, "router.service_annotations has no effect on Workflow 2.8.0; no TLS is configured");
    }

    @Test
    void from29TheKeysAreNamedAndFixed() throws Exception {
        CheckResult result = check("2.9.0", "global:\n  storage: s3\n");
        Finding whitelist = Findings.single(result, "no-ip-whitelist");
        Findings.says(whitelist, "router.deployment_annotations sets no router.deis.io/nginx.defaultWhitelist");
        assertEquals("10.0.0.0/8", whitelist.fix().value());
        Findings.says(Findings.single(result, "tls-missing"), "under router.service_annotations");
        Findings.none(check("2.9.0", VALUES), "tls-not-enforced");
        assertFalse(Findings.messages(result).stream().anyMatch(m -> m.contains("kubectl --namespace=deis annotate")));
    }
}
