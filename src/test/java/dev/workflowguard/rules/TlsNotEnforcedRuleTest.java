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

/** `tls-not-enforced`: the router does not redirect HTTP to HTTPS in any input. */
class TlsNotEnforcedRuleTest {

    private static final String RULE = "tls-not-enforced";
    private static final String ENFORCE = "router.deis.io/nginx.ssl.enforce";

    /** Router annotations in values; the map key is at 2:3 and the first annotation's value at 3:(4 + key + 3). */
    private static String annotations(String... lines) {
        StringBuilder yaml = new StringBuilder("router:\n  deployment_annotations:\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /** A rendered router Deployment (name at 6:9) whose extra annotations start on line 9. */
    static String router(String... annotationLines) {
        StringBuilder annotations = new StringBuilder();
        for (String line : annotationLines) {
            annotations.append("    ").append(line).append('\n');
        }
        return """
                ---
                # Source: workflow/charts/router/templates/router-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-router
                  annotations:
                    component.deis.io/version: v2.19.0
                %sspec:
                  replicas: 1
                """.formatted(annotations);
    }

    @TempDir
    Path dir;

    @Test
    void noEnforcementInValuesIsAFixableWarningAtTheAnnotationsKey() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("values.yaml", annotations("router.deis.io/nginx.ssl.protocols: TLSv1.2"));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:3");
        Findings.says(
                finding,
                "router.deployment_annotations sets neither " + ENFORCE
                        + " nor router.deis.io/nginx.ssl.hsts.enabled to \"true\"",
                "clear text",
                "set " + ENFORCE + ": \"true\" under router.deployment_annotations");
        assertEquals(Severity.WARNING, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("router", "deployment_annotations", ENFORCE), fix.path());
        assertEquals("true", fix.value());
        assertTrue(fix.quoted(), "annotations are strings");
        assertNull(fix.target(), "no file sets the annotation yet");
    }

    @Test
    void enforceFalseInValuesIsReportedAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotations(ENFORCE + ": \"false\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:39");
        Findings.says(finding, "router.deployment_annotations.\"" + ENFORCE + "\" is \"false\"");
        assertEquals("values.yaml", finding.fix().target().displayName());
    }

    @Test
    void noRouterKeysAtAllPointAtTheFirstLine() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:1:1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ENFORCE + ": \"true\"",
                ENFORCE + ": true",
                ENFORCE + ": yes",
                ENFORCE + ": \"1\"",
                "router.deis.io/nginx.ssl.hsts.enabled: \"true\"",
                "router.deis.io/nginx.ssl.hsts.enabled: \"True\""
            })
    void enforcementOrHstsThatTheRouterReadsAsTrueHasNoFinding(String annotation) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotations(annotation));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"on\"", "\"enabled\""})
    void quotedWordsGoParseBoolRejectsDoNotEnforce(String value) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotations(ENFORCE + ": " + value));
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:3:39");
    }

    @Test
    void enforcementAddedByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .resource("fixtures/production-overlay.yaml", "values/prod.yaml");
        Findings.none(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
    }

    @Test
    void enforcementSwitchedOffByTheOverlayPointsAtTheOverlay() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", annotations(ENFORCE + ": \"true\""))
                .file("prod.yaml", annotations(ENFORCE + ": \"false\""));
        Findings.at(Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE), "prod.yaml:3:39");
    }

    @Test
    void renderedRouterWithoutEnforcementIsAWarningAtTheRouterName() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", router());
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:6:9");
        Findings.says(finding, "Deployment/deis-router has neither " + ENFORCE);
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void renderedEnforceFalseIsReportedAtTheAnnotation() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", router(ENFORCE + ": \"false\""));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:9:39");
        Findings.says(finding, "Deployment/deis-router has " + ENFORCE + ": \"false\"");
    }

    @Test
    void renderedEnforcementHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", router(ENFORCE + ": \"true\""));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void enforcementInValuesSatisfiesAStaleRenderToo() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", annotations(ENFORCE + ": \"true\""))
                .file("rendered/router.yaml", router());
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void hstsInTheRenderSatisfiesTheValuesToo() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", annotations())
                .file("rendered/router.yaml", router("router.deis.io/nginx.ssl.hsts.enabled: \"true\""));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void noEnforcementInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", annotations(ENFORCE + ": \"false\""))
                .file("rendered/router.yaml", router(ENFORCE + ": \"false\""));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:39", "rendered/router.yaml:9:39");
    }

    @Test
    void nativeIngressReplacesTheRouter() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  experimental_native_ingress: true\n")
                .file("rendered/router.yaml", router());
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
        CheckResult both = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(both, RULE);
    }

    @Test
    void anAnnotationMapLeftEmptyInTheBasePointsAtTheOverlayWhereTheFixGoes() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "router:\n  deployment_annotations:\n    # <example-key>: <example-value>\n")
                .file("prod.yaml", "global:\n  storage: s3\nrouter:\n  dhparam: \"\"\n");
        Finding finding = Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:3:1");
        assertEquals(null, finding.fix().target());
    }
}
