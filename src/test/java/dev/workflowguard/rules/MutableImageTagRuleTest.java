package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestReleases;
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
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:15");
        Findings.says(
                finding, "controller.docker_tag is \"" + tag.replace("\"", "") + "\"", "makes a rollback impossible");
        assertEquals("controller.docker_tag", finding.primary().valuesPath());
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void withoutAVersionTheMessageSaysHowToFindTheTagAndNamesNone() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  docker_tag: canary\n");
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        assertEquals(
                "router.docker_tag is \"canary\": a moving tag makes nodes run different builds and makes a rollback "
                        + "impossible; pin it to the tag your Workflow release shipped for this component (the "
                        + "docker_tag in workflow/charts/<component>/values.yaml of that release's chart, which `helm "
                        + "fetch <repo>/workflow --version <release> --untar` unpacks), or to a digest; with the "
                        + "Workflow version configured (<workflowVersion>), workflow-guard names the tag",
                finding.message());
        assertFalse(finding.fixable(), "the release to pin needs a person");
    }

    @Test
    void eachComponentIsPinnedToTheTagItsReleaseShippedAndFixWritesIt() throws Exception {
        // Hephy Workflow v2.23.0 shipped router v2.19.0, controller v2.22.0, builder v2.13.7: no image is v2.23.0.
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                router:
                  docker_tag: canary
                controller:
                  docker_tag: latest
                builder:
                  docker_tag: ""
                """);
        CheckResult result = repo.values("2.23.0", "values.yaml");
        List<Finding> findings = Findings.of(result, RULE);
        assertEquals(3, findings.size(), Findings.describe(result));
        Finding router = findings.get(0);
        Findings.at(router, "values.yaml:2:15");
        assertEquals(
                "router.docker_tag is \"canary\": a moving tag makes nodes run different builds and makes a rollback "
                        + "impossible; pin router.docker_tag to v2.19.0, the tag Hephy Workflow v2.23.0 shipped",
                router.message());
        assertEquals(
                new ProposedFix(
                        List.of("router", "docker_tag"),
                        "v2.19.0",
                        false,
                        router.fix().target()),
                router.fix());
        assertEquals("values.yaml", router.fix().target().displayName());
        Findings.says(findings.get(1), "pin controller.docker_tag to v2.22.0, the tag Hephy Workflow v2.23.0 shipped");
        assertEquals("v2.22.0", findings.get(1).fix().value());
        Findings.says(
                findings.get(2),
                "builder.docker_tag is empty, so the image's latest tag is pulled",
                "pin builder.docker_tag to v2.13.7, the tag Hephy Workflow v2.23.0 shipped");
        for (Finding finding : findings) {
            assertFalse(finding.message().contains("v2.23.0,"), finding.message());
        }
    }

    @Test
    void aDeisReleaseHasItsOwnTags() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  docker_tag: canary
                monitor:
                  grafana:
                    docker_tag: canary
                """);
        List<Finding> findings = Findings.of(repo.values("2.11.0", "values.yaml"), RULE);
        assertEquals(2, findings.size());
        Findings.says(findings.get(0), "pin controller.docker_tag to v2.11.0, the tag Deis Workflow v2.11.0 shipped");
        Findings.at(findings.get(1), "values.yaml:5:17");
        Findings.says(
                findings.get(1), "pin monitor.grafana.docker_tag to v2.7.1, the tag Deis Workflow v2.11.0 shipped");
        assertEquals(
                List.of("monitor", "grafana", "docker_tag"),
                findings.get(1).fix().path());
    }

    @Test
    void aVersionBetweenReleasesNamesTheNearestLowerReleasesTagWithoutWritingIt() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  docker_tag: canary\n");
        Finding finding = Findings.single(
                repo.check(b -> b.workflowVersion("2.23.4")
                        .values("values.yaml")
                        .rules(List.of(new MutableImageTagRule(TestReleases.rules())))),
                RULE);
        Findings.says(
                finding,
                "; pin router.docker_tag to the tag Workflow 2.23.4 shipped; workflow-guard's release table does not "
                        + "have that release, and Hephy Workflow v2.23.0, the nearest below it, shipped v2.19.0");
        assertFalse(finding.fixable(), "a lower release's tag could downgrade the component");
    }

    @Test
    void aKeyNoComponentOfTheReleaseIsTaggedByNamesNoTag() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "acme-sidecar:\n  docker_tag: latest\n");
        Finding finding = Findings.single(
                repo.check(b -> b.workflowVersion("2.23.0")
                        .values("values.yaml")
                        .rules(List.of(new MutableImageTagRule(TestReleases.rules())))),
                RULE);
        Findings.says(
                finding,
                "; pin it to the tag your Workflow release shipped for this component",
                "(workflow-guard's release table knows no component of Hephy Workflow v2.23.0 whose tag this key sets)");
        assertFalse(finding.fixable());
    }

    @Test
    void aTagHelmWouldNotReadAsAStringIsWrittenQuoted() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "registry:\n  docker_tag: latest\n");
        Finding finding = Findings.single(
                repo.check(b -> b.workflowVersion("2.14.0")
                        .values("values.yaml")
                        .rules(List.of(new MutableImageTagRule(TestReleases.rules())))),
                RULE);
        Findings.says(finding, "pin registry.docker_tag to 2.6, the tag Deis Workflow v2.14.0 shipped");
        assertEquals("2.6", finding.fix().value());
        assertTrue(finding.fix().quoted(), "unquoted, 2.6 is a number to Helm");
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
    @ValueSource(strings = {"v2.19.0", "\"v2.23.0\"", "git-1a2b3c4", "canary-20180101", "\"2.6\""})
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
