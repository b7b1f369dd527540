package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `tls-missing`: nothing in any input shows that TLS is set up. */
class TlsMissingRuleTest {

    private static final String RULE = "tls-missing";

    /** As the stock chart ships it: an empty annotations map (only a comment), at 2:3. */
    private static final String STOCK_VALUES = """
            router:
              service_annotations:
                #<example-key>: <example-value>
            """;

    private static final String LB_CERT_VALUES = """
            router:
              service_annotations:
                service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "arn:aws:acm:eu-central-1:123456789012:certificate/0b5e"
            """;

    /** The stock router Service: a load balancer without a certificate (name at 6:9). */
    private static final String ROUTER_SERVICE =
            routerService("service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout: \"1200\"");

    private static final String ROUTER_DEPLOYMENT = """
            ---
            # Source: workflow/charts/router/templates/router-deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: deis-router
            spec:
              replicas: 1
            """;

    private static final String PLATFORM_CERT = """
            ---
            # Source: platform/platform-cert.yaml
            apiVersion: v1
            kind: Secret
            metadata:
              name: deis-router-platform-cert
              namespace: deis
            type: kubernetes.io/tls
            data:
              tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
              tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t
            """;

    @TempDir
    Path dir;

    private static String routerService(String annotation) {
        return """
                ---
                # Source: workflow/charts/router/templates/router-service.yaml
                apiVersion: v1
                kind: Service
                metadata:
                  name: deis-router
                  annotations:
                    %s
                spec:
                  type: LoadBalancer
                """.formatted(annotation);
    }

    @Test
    void stockValuesWithoutCertificateAreAnErrorAtTheServiceAnnotationsKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", STOCK_VALUES);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:3");
        Findings.says(
                finding,
                "no TLS is configured",
                "router.service_annotations has no load-balancer certificate",
                "no Secret deis-router-platform-cert",
                "no externalCertificate is declared",
                "<externalCertificate>");
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "a certificate needs a person");
    }

    @Test
    void valuesWithoutRouterKeysPointAtTheFirstLine() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:1:1");
    }

    @Test
    void loadBalancerCertificateInValuesHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", LB_CERT_VALUES);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "service.beta.kubernetes.io/do-loadbalancer-certificate-id: \"5f1c\"",
                "service.beta.kubernetes.io/oci-load-balancer-tls-secret: deis/router-tls",
                "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-cert-id: \"1234\""
            })
    void otherCloudsCertificateAnnotationsCountToo(String annotation) throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("values.yaml", "router:\n  service_annotations:\n    " + annotation + "\n");
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void emptyCertificateAnnotationIsNoEvidence() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                router:
                  service_annotations:
                    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: ""
                """);
        // Points at the empty annotation itself: that is the line to fill in.
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:3:5");
    }

    @Test
    void certificateInTheBaseFileSurvivesAnOverlayThatAddsOtherAnnotations() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", LB_CERT_VALUES).file("prod.yaml", """
                        router:
                          service_annotations:
                            service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout: "1200"
                        """);
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void overlayDeletingTheAnnotationsWithNullLosesTheCertificate() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", LB_CERT_VALUES)
                .file("prod.yaml", "router:\n  service_annotations: null\n");
        Findings.at(Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE), "prod.yaml:2:3");
    }

    @Test
    void declaredExternalCertificateSatisfiesValuesAndManifests() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", STOCK_VALUES)
                .file("rendered/router-service.yaml", ROUTER_SERVICE);
        CheckResult result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("values.yaml")
                .manifests("rendered")
                .externalCertificate("cert-manager Certificate deis/platform"));
        Findings.none(result, RULE);
    }

    @Test
    void blankExternalCertificateIsNoEvidence() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", STOCK_VALUES);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").externalCertificate("  "));
        Findings.single(result, RULE);
    }

    @Test
    void renderedRouterServiceWithoutCertificateIsAnErrorAtTheServiceName() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router-service.yaml", ROUTER_SERVICE);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router-service.yaml:6:9");
        Findings.says(
                finding,
                "Service/deis-router has no load-balancer certificate annotation",
                "no Secret/deis-router-platform-cert is rendered");
        assertEquals("Service/deis-router", finding.primary().object());
    }

    @Test
    void renderedWithoutRouterServiceIsReportedAtTheRouterDeployment() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", ROUTER_DEPLOYMENT);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:6:9");
        assertEquals("Deployment/deis-router", finding.primary().object());
    }

    @Test
    void renderedRouterServiceWithCertificateAnnotationHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file(
                        "rendered/router-service.yaml",
                        routerService("service.beta.kubernetes.io/aws-load-balancer-ssl-cert: \"arn:aws:acm:xx\""));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void renderedPlatformCertificateSecretHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router-service.yaml", ROUTER_SERVICE)
                .file("rendered/platform-cert.yaml", PLATFORM_CERT);
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void platformCertificateAmongTheManifestsSatisfiesTheValues() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("values.yaml", STOCK_VALUES).file("platform/platform-cert.yaml", PLATFORM_CERT);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("platform"));
        Findings.none(result, RULE);
    }

    @Test
    void certificateAnnotationInValuesSatisfiesARenderWithoutTheRouterService() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("values.yaml", LB_CERT_VALUES).file("rendered/router.yaml", ROUTER_DEPLOYMENT);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void noTlsInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", STOCK_VALUES)
                .file("rendered/router-service.yaml", ROUTER_SERVICE);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:2:3", "rendered/router-service.yaml:6:9");
    }

    @Test
    void nativeIngressReplacesTheRouter() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  experimental_native_ingress: true\n" + STOCK_VALUES)
                .file("rendered/router-service.yaml", ROUTER_SERVICE);
        Findings.none(repo.values("2.21.0", "values.yaml"), RULE);
        CheckResult both = repo.check(
                b -> b.workflowVersion("2.21.0").values("values.yaml").manifests("rendered"));
        Findings.none(both, RULE);
    }
}
