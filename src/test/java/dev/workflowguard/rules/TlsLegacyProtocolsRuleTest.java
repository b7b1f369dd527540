package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `tls-legacy-protocols`: the router accepts TLSv1 or TLSv1.1. */
class TlsLegacyProtocolsRuleTest {

    private static final String RULE = "tls-legacy-protocols";
    private static final String PROTOCOLS = "router.deis.io/nginx.ssl.protocols";

    @TempDir
    Path dir;

    /** Values with the protocols annotation on line 3 (value at column 41). */
    private static String protocols(String value) {
        return "router:\n  deployment_annotations:\n    " + PROTOCOLS + ": " + value + "\n";
    }

    @Test
    void unsetProtocolsMeanTheRouterDefaultAndAreAFixableWarning() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.enforce: "true"
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:3");
        Findings.says(
                finding,
                PROTOCOLS + " is not set under router.deployment_annotations",
                "router default \"TLSv1 TLSv1.1 TLSv1.2 TLSv1.3\" applies",
                "RFC 8996",
                "set " + PROTOCOLS + ": \"TLSv1.2 TLSv1.3\"");
        assertEquals(Severity.WARNING, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("router", "deployment_annotations", PROTOCOLS), fix.path());
        assertEquals("TLSv1.2 TLSv1.3", fix.value());
        assertTrue(fix.quoted());
        assertNull(fix.target());
    }

    @Test
    void legacyProtocolsInValuesAreReportedAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", protocols("\"TLSv1 TLSv1.1 TLSv1.2\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:41");
        Findings.says(finding, "is \"TLSv1 TLSv1.1 TLSv1.2\", which allows TLSv1 and TLSv1.1");
        assertEquals("values.yaml", finding.fix().target().displayName());
    }

    @Test
    void sslv3IsLegacyToo() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", protocols("SSLv3 TLSv1.2"));
        Findings.says(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "which allows SSLv3");
    }

    @Test
    void emptyProtocolsFallBackToTheRouterDefault() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", protocols("\"\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:41");
        Findings.says(finding, "is empty (\"\"), so the router default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"TLSv1.2 TLSv1.3\"", "TLSv1.2", "\"TLSv1.3\"", "\"  TLSv1.2   TLSv1.3 \""})
    void modernProtocolsHaveNoFinding(String value) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", protocols(value));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void legacyProtocolsInTheBaseReplacedByTheOverlayHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", protocols("\"TLSv1 TLSv1.2\""))
                .file("prod.yaml", protocols("\"TLSv1.2 TLSv1.3\""));
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void renderedRouterWithoutTheAnnotationIsAWarningAtTheRouterName() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", TlsNotEnforcedRuleTest.router());
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:6:9");
        Findings.says(finding, "Deployment/deis-router has no " + PROTOCOLS + " annotation, so the router default");
        assertEquals("Deployment/deis-router", finding.primary().object());
    }

    @Test
    void renderedLegacyProtocolsAreReportedAtTheAnnotation() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router(PROTOCOLS + ": \"TLSv1.1 TLSv1.2\""));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:9:41");
        Findings.says(finding, "Deployment/deis-router allows TLSv1.1 (" + PROTOCOLS + ": \"TLSv1.1 TLSv1.2\")");
    }

    @Test
    void renderedModernProtocolsHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router(PROTOCOLS + ": \"TLSv1.2 TLSv1.3\""));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void eachInputIsJudgedOnItsOwnSoAStaleRenderStillFires() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", protocols("\"TLSv1.2 TLSv1.3\""))
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router());
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.at(Findings.single(result, RULE), "rendered/router.yaml:6:9");
    }

    @Test
    void legacyInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", protocols("\"TLSv1 TLSv1.2\""))
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router(PROTOCOLS + ": \"TLSv1 TLSv1.2\""));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:41", "rendered/router.yaml:9:41");
    }

    @Test
    void nativeIngressReplacesTheRouter() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  experimental_native_ingress: on\n");
        Findings.none(repo.values("2.20.0", "values.yaml"), RULE);
    }
}
