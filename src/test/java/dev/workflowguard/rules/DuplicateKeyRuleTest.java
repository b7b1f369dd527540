package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `duplicate-key`: a mapping repeats a key; Helm and kubectl keep the last one silently. */
class DuplicateKeyRuleTest {

    private static final String RULE = "duplicate-key";

    @TempDir
    Path dir;

    @Test
    void repeatedValuesKeyIsAnErrorAtTheLaterKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  registration_mode: admin_only
                  registration_mode: enabled
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:3");
        Findings.says(
                finding,
                "controller.registration_mode is set twice in the same mapping (first at line 2)",
                "Helm silently uses this later value");
        assertEquals("controller.registration_mode", finding.primary().valuesPath());
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "a person must choose which one stays");
    }

    @Test
    void repeatedTopLevelKeyHidesTheFirstMappingWhole() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                global:
                  use_rbac: true
                """);
        CheckResult result = repo.values("2.19.0", "values.yaml");
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:1");
        Findings.says(finding, "global is set twice in the same mapping (first at line 1)");
        // Helm keeps only the later mapping, so the storage setting above is lost.
        Findings.single(result, "minio-storage");
    }

    @Test
    void repeatedAnnotationIsNamedWithItsQuotedKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.enforce: "true"
                    router.deis.io/nginx.ssl.enforce: "false"
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:4:5");
        Findings.says(finding, "router.deployment_annotations.\"router.deis.io/nginx.ssl.enforce\" is set twice");
    }

    @Test
    void everyRepeatedKeyIsItsOwnFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                s3:
                  region: eu-west-1
                  region: us-east-1
                  registry_bucket: a
                  registry_bucket: b
                """);
        CheckResult result = repo.values("2.19.0", "values.yaml");
        List<Finding> findings = Findings.of(result, RULE);
        assertEquals(2, findings.size(), Findings.describe(result));
        Findings.at(findings.get(0), "values.yaml:3:3");
        Findings.at(findings.get(1), "values.yaml:5:3");
    }

    @Test
    void distinctKeysHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .resource("fixtures/production-overlay.yaml", "values/prod.yaml");
        Findings.none(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
    }

    @Test
    void sameKeyInTwoValuesFilesIsAnOverrideNotADuplicate() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "controller:\n  registration_mode: enabled\n")
                .file("prod.yaml", "controller:\n  registration_mode: admin_only\n");
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void repeatedKeyInABaseFileIsReportedEvenWhenAnOverlayOverridesIt() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "controller:\n  registration_mode: disabled\n  registration_mode: enabled\n")
                .file("prod.yaml", "controller:\n  registration_mode: admin_only\n");
        Findings.at(Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE), "base.yaml:3:3");
    }

    @Test
    void repeatedKeyInARenderedObjectIsAnErrorAtTheLaterKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", """
                ---
                # Source: workflow/charts/router/templates/router-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-router
                spec:
                  replicas: 2
                  replicas: 1
                """);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:9:3");
        Findings.says(
                finding,
                "Deployment/deis-router: key \"replicas\" under spec is repeated (first at line 8)",
                "only this later value is applied");
        assertEquals("Deployment/deis-router", finding.primary().object());
        assertNull(finding.primary().valuesPath());
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void repeatedKeyInAnObjectNoRuleReadsIsStillReported() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/config.yaml", """
                ---
                # Source: workflow/charts/fluentd/templates/fluentd-configmap.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: deis-fluentd-config
                data:
                  fluent.conf: a
                  fluent.conf: b
                """);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/config.yaml:9:3");
        Findings.says(finding, "ConfigMap/deis-fluentd-config: key \"fluent.conf\" under data is repeated");
    }

    @Test
    void renderWithoutRepeatedKeysHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        Findings.none(repo.manifests("rendered"), RULE);
    }
}
