package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** `minio-storage`: object storage is the in-cluster Minio. */
class MinioStorageRuleTest {

    private static final String RULE = "minio-storage";

    /** A render of the stock chart's storage objects: Minio deployed, the keyfile Secret annotated minio. */
    private static final String MINIO_RENDER = """
            ---
            # Source: workflow/charts/minio/templates/minio-deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: deis-minio
            spec:
              replicas: 1
            ---
            # Source: workflow/templates/objectstorage-secret.yaml
            apiVersion: v1
            kind: Secret
            metadata:
              name: objectstorage-keyfile
              annotations:
                deis.io/objectstorage: "minio"
            type: Opaque
            """;

    @TempDir
    Path dir;

    @Test
    void minioSetInValuesIsAnErrorAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: minio
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:12");
        Findings.says(
                finding,
                "global.storage is \"minio\"",
                "not resilient",
                "use s3, gcs, azure or swift",
                "-Dworkflow.fix.storage=s3|gcs|azure|swift");
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals("global.storage", finding.primary().valuesPath());
        assertFalse(finding.fixable(), "no backend chosen, so nothing to fix with");
    }

    @Test
    void offClusterBackendInValuesHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                """);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void unsetStorageIsTheChartDefaultMinioReportedAtTheDeepestExistingParentKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                # production values
                global:
                  use_rbac: true
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:1");
        Findings.says(finding, "global.storage is not set; chart default for Workflow 2.19.0 is \"minio\"");
    }

    @Test
    void unsetStorageWithNoParentKeyPointsAtTheFirstLineOfTheLastValuesFile() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values/base.yaml", """
                        global:
                          use_rbac: true
                        """).file("values/prod.yaml", """
                        controller:
                          registration_mode: admin_only
                        """);
        Finding finding = Findings.single(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
        Findings.at(finding, "values/prod.yaml:1:1");
        Findings.says(finding, "not set; chart default for Workflow 2.19.0 is \"minio\"");
    }

    @Test
    void minioInTheBaseFileOverriddenByAnOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", """
                        global:
                          storage: minio
                        """).file("prod.yaml", """
                        global:
                          storage: gcs
                        """);
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void minioSetByTheOverlayPointsAtTheOverlayLine() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", """
                        global:
                          storage: s3
                        """).file("prod.yaml", """
                        # back to the in-cluster store
                        global:
                          storage: "minio"
                        """);
        Finding finding = Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:3:12");
    }

    @Test
    void nullInAnOverlayDeletesTheBackendAndIsReportedThere() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", """
                        global:
                          storage: s3
                        """).file("prod.yaml", """
                        global:
                          storage: null
                        """);
        Finding finding = Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:2:12");
        Findings.says(
                finding,
                "global.storage is set to null, which deletes the chart default",
                "no object storage backend is left configured");
    }

    @Test
    void chosenBackendMakesTheFindingFixableInTheFileThatSetMinio() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: minio
                """);
        CheckResult result = repo.check(b ->
                b.workflowVersion("2.19.0").values("values.yaml").fixOptions(new FixOptions(null, "gcs", null, false)));
        Finding finding = Findings.single(result, RULE);
        assertTrue(finding.fixable());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("global", "storage"), fix.path());
        assertEquals("gcs", fix.value());
        assertFalse(fix.quoted());
        assertEquals("values.yaml", fix.target().displayName());
        assertFalse(finding.message().contains("workflow.fix.storage"), finding.message());
    }

    @Test
    void chosenBackendForAnUnsetStorageGoesToTheFixTarget() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  registration_mode: admin_only
                """);
        CheckResult result = repo.check(b ->
                b.workflowVersion("2.19.0").values("values.yaml").fixOptions(new FixOptions(null, "s3", null, false)));
        ProposedFix fix = Findings.single(result, RULE).fix();
        assertEquals(List.of("global", "storage"), fix.path());
        assertEquals("s3", fix.value());
        assertNull(fix.target(), "no file set global.storage: the fix goes to the fix target");
    }

    @Test
    void renderedMinioDeploymentAndMinioKeyfileAreOneFindingWithTwoPlaces() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", MINIO_RENDER);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/workflow.yaml:6:9", "rendered/workflow.yaml:16:28");
        Findings.says(finding, "Deployment/deis-minio is rendered");
        Findings.says(finding.places().get(1), "Secret/objectstorage-keyfile has deis.io/objectstorage: \"minio\"");
        assertEquals("Deployment/deis-minio", finding.primary().object());
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable());
    }

    @Test
    void renderForAnOffClusterBackendHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", """
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  annotations:
                    deis.io/objectstorage: "s3"
                ---
                # Source: workflow/charts/controller/templates/controller-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-controller
                """);
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void valuesAndRenderShowingMinioAreOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                        global:
                          storage: minio
                        """).file("rendered/workflow.yaml", MINIO_RENDER);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:2:12", "rendered/workflow.yaml:6:9", "rendered/workflow.yaml:16:28");
    }
}
