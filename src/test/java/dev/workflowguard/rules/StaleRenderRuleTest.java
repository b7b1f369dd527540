package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stale-render`: the committed render disagrees with the values on storage, registration or Grafana sign-up. */
class StaleRenderRuleTest {

    private static final String RULE = "stale-render";

    @TempDir
    Path dir;

    /** The objectstorage Secret with its backend annotation at 8:28. */
    private static String keyfile(String backend) {
        return """
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  annotations:
                    deis.io/objectstorage: "%s"
                type: Opaque
                """.formatted(backend);
    }

    private static final String MINIO_DEPLOYMENT = """
            ---
            # Source: workflow/charts/minio/templates/minio-deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: deis-minio
            """;

    /** The controller with REGISTRATION_MODE at 15:22. */
    private static String controller(String mode) {
        return """
                ---
                # Source: workflow/charts/controller/templates/controller-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-controller
                spec:
                  template:
                    spec:
                      containers:
                        - name: deis-controller
                          image: quay.io/deis/controller:v2.19.0
                          env:
                            - name: REGISTRATION_MODE
                              value: "%s"
                """.formatted(mode);
    }

    private CheckResult check(TestRepo repo, String version) throws Exception {
        return repo.check(b -> b.workflowVersion(version).values("values.yaml").manifests("rendered"));
    }

    @Test
    void renderedBackendDifferentFromTheValuesIsAnErrorAtTheRenderThenTheValues() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: s3\n")
                .file("rendered/workflow.yaml", keyfile("minio"));
        Finding finding = Findings.single(check(repo, "2.19.0"), RULE);
        Findings.at(finding, "rendered/workflow.yaml:8:28", "values.yaml:2:12");
        Findings.says(
                finding,
                "Secret/objectstorage-keyfile has deis.io/objectstorage: \"minio\" but global.storage "
                        + "is \"s3\" (values.yaml:2:12)",
                "the committed render is out of date",
                "helm template");
        Findings.says(
                finding.places().get(1),
                "global.storage is \"s3\" but the committed render "
                        + "(Secret/objectstorage-keyfile, rendered/workflow.yaml:8:28) does not match");
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "the fix is a re-render");
    }

    @Test
    void renderedMinioDeploymentWithAnOffClusterBackendIsStale() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: gcs\n")
                .file("rendered/workflow.yaml", MINIO_DEPLOYMENT);
        Finding finding = Findings.single(check(repo, "2.19.0"), RULE);
        Findings.at(finding, "rendered/workflow.yaml:6:9", "values.yaml:2:12");
        Findings.says(
                finding,
                "Deployment/deis-minio is rendered (in-cluster Minio storage) but global.storage is " + "\"gcs\"");
    }

    @Test
    void everyStaleStorageObjectIsAPlaceOfOneFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: s3\n")
                .file("rendered/workflow.yaml", MINIO_DEPLOYMENT + keyfile("minio"));
        Finding finding = Findings.single(check(repo, "2.19.0"), RULE);
        Set<String> places =
                finding.places().stream().map(p -> p.location().toString()).collect(Collectors.toSet());
        assertEquals(
                Set.of("rendered/workflow.yaml:6:9", "rendered/workflow.yaml:14:28", "values.yaml:2:12"),
                places,
                Findings.describe(finding));
    }

    @Test
    void renderMatchingTheValuesHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", """
                        global:
                          storage: s3
                        controller:
                          registration_mode: admin_only
                        monitor:
                          grafana:
                            allow_sign_up: "false"
                        """)
                .file(
                        "rendered/workflow.yaml",
                        keyfile("s3")
                                + controller("admin_only")
                                + GrafanaSignupRuleTest.grafana("from-secret", "false"));
        Findings.none(check(repo, "2.19.0"), RULE);
    }

    @Test
    void stockRenderMatchesStockValues() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values.yaml")
                .resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        Findings.none(check(repo, "2.19.0"), RULE);
    }

    @Test
    void productionValuesWithTheStockRenderAreStale() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .resource("fixtures/production-overlay.yaml", "values/prod.yaml")
                .resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        CheckResult result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("values/base.yaml", "values/prod.yaml")
                .manifests("rendered"));
        assertEquals(
                Set.of("storage", "grafana-signup"),
                Findings.of(result, RULE).stream().map(Finding::cause).collect(Collectors.toSet()),
                Findings.describe(result));
    }

    @Test
    void renderedRegistrationModeDifferentFromTheValuesIsStale() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "controller:\n  registration_mode: admin_only\n")
                .file("rendered/controller.yaml", controller("enabled"));
        Finding finding = Findings.single(check(repo, "2.19.0"), RULE);
        Findings.at(finding, "rendered/controller.yaml:15:22", "values.yaml:2:22");
        Findings.says(
                finding,
                "Deployment/deis-controller sets REGISTRATION_MODE to \"enabled\" but "
                        + "controller.registration_mode is \"admin_only\"");
    }

    @Test
    void chartDefaultModeDifferentFromTheRenderIsStaleAtTheRenderOnly() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: s3\n")
                .file("rendered/controller.yaml", controller("enabled"));
        Finding finding = Findings.single(check(repo, "2.19.0"), RULE);
        Findings.at(finding, "rendered/controller.yaml:15:22");
        Findings.says(
                finding,
                "but controller.registration_mode is not set; chart default for Workflow 2.19.0 is "
                        + "\"admin_only\"");
    }

    @Test
    void unknownVersionLeavesAnUnsetModeUndecided() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: s3\n")
                .file("rendered/controller.yaml", controller("enabled"));
        Findings.none(check(repo, null), RULE);
    }

    @Test
    void renderedGrafanaSignUpDifferentFromTheValuesIsStale() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "monitor:\n  grafana:\n    allow_sign_up: \"false\"\n")
                .file("rendered/grafana.yaml", GrafanaSignupRuleTest.grafana("from-secret", "true"));
        Finding finding = Findings.single(check(repo, "2.19.0"), RULE);
        Findings.at(finding, "rendered/grafana.yaml:19:22", "values.yaml:3:20");
        Findings.says(
                finding,
                "Deployment/deis-monitor-grafana sets ALLOW_SIGN_UP to \"true\" but "
                        + "monitor.grafana.allow_sign_up is \"false\"");
    }

    @Test
    void renderedGrafanaClosedWhileTheValuesOpenItIsStaleToo() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "monitor:\n  grafana:\n    allow_sign_up: yes\n")
                .file("rendered/grafana.yaml", GrafanaSignupRuleTest.grafana("from-secret", "false"));
        Findings.at(Findings.single(check(repo, "2.19.0"), RULE), "rendered/grafana.yaml:19:22", "values.yaml:3:20");
    }

    @Test
    void grafanaIsNotComparedBeforeWorkflow214OrOffCluster() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "monitor:\n  grafana:\n    allow_sign_up: \"false\"\n")
                .file("rendered/grafana.yaml", GrafanaSignupRuleTest.grafana("from-secret", "true"));
        Findings.none(check(repo, "2.13.0"), RULE);
        repo.file(
                "values.yaml",
                "global:\n  grafana_location: off-cluster\n" + "monitor:\n  grafana:\n    allow_sign_up: \"false\"\n");
        Findings.none(check(repo, "2.19.0"), RULE);
    }

    @Test
    void valuesDeletedByNullAreNotCompared() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: null\ncontroller:\n  registration_mode: null\n")
                .file("rendered/workflow.yaml", keyfile("s3") + controller("enabled"));
        Findings.none(check(repo, "2.19.0"), RULE);
    }

    @Test
    void valuesAloneOrManifestsAloneAreNeverStale() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: s3\n")
                .file("rendered/workflow.yaml", keyfile("minio") + controller("enabled"));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.none(repo.manifests("rendered"), RULE);
    }
}
