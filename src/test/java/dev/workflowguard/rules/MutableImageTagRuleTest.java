package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `mutable-image-tag`: a component runs a moving image tag. */
class MutableImageTagRuleTest {

    private static final String RULE = "mutable-image-tag";

    @TempDir
    Path dir;

    /** A rendered workload with one container; the image value is at 12:18. */
    private static String workload(String kind, String name, String image) {
        return """
                ---
                # Source: workflow/charts/component/templates/deployment.yaml
                apiVersion: apps/v1
                kind: %s
                metadata:
                  name: %s
                spec:
                  template:
                    spec:
                      containers:
                        - name: %s
                          image: %s
                """.formatted(kind, name, name, image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"canary", "latest", "\"latest\""})
    void movingTagInValuesIsAWarningAtTheValue(String tag) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "controller:\n  docker_tag: " + tag + "\n");
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:15");
        Findings.says(
                finding,
                "controller.docker_tag is \"" + tag.replace("\"", "") + "\"",
                "makes a rollback impossible",
                "pin a release tag");
        assertEquals("controller.docker_tag", finding.primary().valuesPath());
        assertEquals(Severity.WARNING, finding.severity());
        assertFalse(finding.fixable(), "the release to pin needs a person");
    }

    @Test
    void emptyTagPullsLatest() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "builder:\n  docker_tag: \"\"\n");
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:15");
        Findings.says(finding, "builder.docker_tag is empty, so the image's latest tag is pulled");
    }

    @Test
    void tagLeftEmptyAfterTheKeyIsReportedAtTheKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "builder:\n  docker_tag:\n  app_pull_policy: Always\n");
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:2:3");
    }

    @Test
    void nestedComponentTagIsFound() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                monitor:
                  grafana:
                    docker_tag: latest
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:17");
        Findings.says(finding, "monitor.grafana.docker_tag is \"latest\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2.19.0", "\"v2.23.0\"", "git-1a2b3c4", "canary-20180101"})
    void pinnedTagsHaveNoFinding(String tag) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "controller:\n  docker_tag: " + tag + "\n");
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void canaryInTheBaseFilePinnedByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "controller:\n  docker_tag: canary\n")
                .file("prod.yaml", "controller:\n  docker_tag: v2.19.4\n");
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void movingTagSetByTheOverlayPointsAtTheOverlay() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "controller:\n  docker_tag: v2.19.4\n")
                .file("prod.yaml", "# try the fix\ncontroller:\n  docker_tag: canary\n");
        Findings.at(Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE), "prod.yaml:3:15");
    }

    @Test
    void renderedDeisImageWithMovingTagIsAWarningAtTheImage() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file(
                        "rendered/controller.yaml",
                        workload("Deployment", "deis-controller", "quay.io/deis/controller:canary"));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/controller.yaml:12:18");
        Findings.says(finding, "Deployment/deis-controller image quay.io/deis/controller:canary uses tag \"canary\"");
        assertEquals("Deployment/deis-controller", finding.primary().object());
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void renderedImageWithoutTagPullsLatestEvenBehindARegistryPort() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file(
                        "rendered/builder.yaml",
                        workload("Deployment", "deis-builder", "registry.local:5000/deis/builder"));
        Findings.says(Findings.single(repo.manifests("rendered"), RULE), "has no tag, so \"latest\" is pulled");
    }

    @Test
    void renderedPinnedDigestOrForeignImagesHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file(
                        "rendered/workloads.yaml",
                        workload("Deployment", "deis-controller", "registry.local:5000/deis/controller:v2.19.0")
                                + workload(
                                        "Deployment",
                                        "deis-builder",
                                        "quay.io/deis/builder@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0")
                                + workload("Deployment", "nginx-sidecar", "nginx:latest"));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void stockRenderIsPinned() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void movingTagInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "controller:\n  docker_tag: canary\n")
                .file(
                        "rendered/controller.yaml",
                        workload("Deployment", "deis-controller", "quay.io/deis/controller:canary"));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:2:15", "rendered/controller.yaml:12:18");
    }

    @Test
    void valuesKeysMatchTheirRenderedObjectNames() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", """
                        fluentd:
                          docker_tag: latest
                        monitor:
                          grafana:
                            docker_tag: canary
                        """)
                .file(
                        "rendered/fluentd.yaml",
                        workload("DaemonSet", "deis-logger-fluentd", "quay.io/deis/fluentd:latest"))
                .file(
                        "rendered/grafana.yaml",
                        workload("Deployment", "deis-monitor-grafana", "quay.io/deis/grafana:canary"));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        List<Finding> findings = Findings.of(result, RULE);
        assertEquals(2, findings.size(), Findings.describe(result));
        Findings.at(findings.get(0), "values.yaml:2:15", "rendered/fluentd.yaml:12:18");
        Findings.at(findings.get(1), "values.yaml:5:17", "rendered/grafana.yaml:12:18");
    }
}
