package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart rendered in-process: findings on rendered objects are traced to the values line that
 * produced them, confirmed by re-rendering; keys that do not control a field are never blamed.
 */
class RenderingTest {

    @TempDir
    Path dir;

    private TestRepo repo() throws Exception {
        return new TestRepo(dir).chart("workflow");
    }

    private CheckResult check(TestRepo repo, String... values) throws InputException {
        return repo.check(b -> b.chart("charts/workflow").values(values));
    }

    @Test
    void aChartReachedThroughLinksIsReadAsHelmReadsIt() throws Exception {
        // The chart folder is a link, and so is its router subchart (vendored elsewhere in the repository).
        TestRepo repo = repo();
        int files = repo.check(b -> b.chart("charts/workflow")).chartFiles();
        Files.createDirectories(dir.resolve("vendor"));
        Files.move(dir.resolve("charts/workflow"), dir.resolve("vendor/workflow-2.19"));
        Files.createSymbolicLink(dir.resolve("charts/workflow"), Path.of("../vendor/workflow-2.19"));
        Files.move(dir.resolve("vendor/workflow-2.19/charts/router"), dir.resolve("vendor/router"));
        Files.createSymbolicLink(dir.resolve("vendor/workflow-2.19/charts/router"), Path.of("../../router"));

        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        assertEquals(files, result.chartFiles(), "every file of the chart is counted, the linked subchart's too");
        Finding replicas = Findings.single(result, "single-router");
        assertEquals(
                "charts/workflow/charts/router/templates/router-deployment.yaml",
                replicas.location().fileName());
    }

    @Test
    void aLinkLoopInsideTheChartIsAnErrorThatNamesTheLink() throws Exception {
        TestRepo repo = repo();
        Files.createSymbolicLink(dir.resolve("charts/workflow/charts/router/templates/again"), Path.of("../.."));
        InputException error = assertThrows(InputException.class, () -> repo.check(b -> b.chart("charts/workflow")));
        assertTrue(
                error.getMessage()
                        .startsWith("charts/workflow cannot be read: the symbolic link "
                                + "charts/router/templates/again leads back to a folder that holds it"),
                error.getMessage());
    }

    @Test
    void aRenderedFieldIsTracedToTheValuesLineThatSetIt() throws Exception {
        TestRepo repo = repo().file("values.yaml", "# overlay\ncontroller:\n  registration_mode: enabled\n");
        CheckResult result = check(repo, "values.yaml");
        Finding finding = Findings.single(result, "open-registration");
        // The values place and the rendered object are one place: the values line, naming the object.
        Findings.at(finding, "values.yaml:3:22");
        Findings.says(
                finding,
                "rendered into Deployment/deis-controller by "
                        + "charts/workflow/charts/controller/templates/controller-deployment.yaml");
        assertTrue(
                result.notes().stream()
                        .anyMatch(n -> n.startsWith("rendered charts/workflow (Workflow 2.19.4) " + "with Helm: ")),
                result.notes().toString());
    }

    @Test
    void aChartDefaultIsTracedToTheChartsOwnValuesLine() throws Exception {
        // Without values files the chart's own values.yaml is where the default is set.
        Finding finding = Findings.single(repo().check(b -> b.chart("charts/workflow")), "grafana-signup");
        Findings.at(finding, "charts/workflow/charts/monitor/charts/grafana/values.yaml:5:16");
        Findings.says(
                finding,
                "Deployment/deis-monitor-grafana sets ALLOW_SIGN_UP to \"true\"",
                "monitor.grafana.allow_sign_up is not set in the values files: chart default in "
                        + "charts/workflow/charts/monitor/charts/grafana/values.yaml:5");
    }

    @Test
    void aChartDefaultWithValuesFilesIsReportedWhereTheFixGoes() throws Exception {
        // With values files, the default is changed in the last one: the rendered object is one place with the
        // values-side finding there, which names the chart default's line.
        TestRepo repo = repo().file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(check(repo, "values.yaml"), "grafana-signup");
        Findings.at(finding, "values.yaml:1:1");
        Findings.says(
                finding,
                "chart default in charts/workflow/charts/monitor/charts/grafana/values.yaml:5 is \"true\"",
                "(rendered into Deployment/deis-monitor-grafana by "
                        + "charts/workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml)");
    }

    @Test
    void aHardCodedFieldPointsAtItsTemplateAndBlamesNoKey() throws Exception {
        // router.replicas is set, but the chart hard-codes one replica: the key must not be blamed.
        TestRepo repo = repo().file("values.yaml", "router:\n  replicas: 3\n");
        Finding finding = Findings.single(check(repo, "values.yaml"), "single-router");
        Findings.at(finding, "charts/workflow/charts/router/templates/router-deployment.yaml:13:3");
        Findings.says(
                finding, "Deployment/deis-router has spec.replicas: 1", "where no values key controls this field");
        assertFalse(
                finding.places().stream().anyMatch(p -> p.location().fileName().equals("values.yaml")),
                Findings.describe(finding));
    }

    @Test
    void aProductionOverlayPasses() throws Exception {
        TestRepo repo = repo().file("values/prod.yaml", """
                global:
                  storage: s3
                  use_rbac: true
                s3:
                  region: eu-central-1
                  registry_bucket: acme-registry
                  database_bucket: acme-database
                  builder_bucket: acme-builder
                controller:
                  registration_mode: admin_only
                monitor:
                  grafana:
                    allow_sign_up: "false"
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.enforce: "true"
                    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"
                    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
                  service_annotations:
                    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "arn:aws:acm:eu-central-1:1:certificate/x"
                """).file("rendered/hpa.yaml", """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: deis-router
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deis-router}
                  minReplicas: 2
                  maxReplicas: 4
                """);
        CheckResult result = repo.check(b -> b.chart("charts/workflow")
                .values("values/prod.yaml")
                .manifests("rendered")
                .set("monitor.grafana.password=injected-at-deploy"));
        assertEquals("", Findings.describe(result));
    }

    @Test
    void setValuesAreAppliedAfterTheFilesAndLocatedOnTheSetLine() throws Exception {
        TestRepo repo = repo().file("values.yaml", "controller:\n  registration_mode: admin_only\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow")
                .values("values.yaml")
                .set("global.use_rbac=true", "controller.registration_mode=enabled"));
        Findings.at(Findings.single(result, "open-registration"), "--set:2:30");
        Findings.none(result, "rbac-disabled");
    }

    @Test
    void aTgzChartWorksLikeAFolder() throws Exception {
        TestRepo repo = repo().file("values.yaml", "controller:\n  registration_mode: enabled\n");
        Process tar = new ProcessBuilder("tar", "czf", "workflow-v2.19.4.tgz", "-C", "charts", "workflow")
                .directory(dir.toFile())
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        try (Stream<Path> walk = Files.walk(dir.resolve("charts"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CheckResult result = repo.check(b -> b.chart("workflow-v2.19.4.tgz").values("values.yaml"));
        Findings.at(Findings.single(result, "open-registration"), "values.yaml:2:22");
        Findings.at(Findings.single(result, "grafana-signup"), "values.yaml:1:1");
        // Without values files the chart's own defaults are inside the archive: the finding is at the archive, the
        // file of the project that holds them, and says where inside, once.
        CheckResult alone = repo.check(b -> b.chart("workflow-v2.19.4.tgz"));
        Finding signup = Findings.single(alone, "grafana-signup");
        Findings.at(signup, "workflow-v2.19.4.tgz:1:1");
        assertTrue(
                signup.message()
                        .endsWith("chart default in "
                                + "workflow-v2.19.4.tgz!/workflow/charts/monitor/charts/grafana/values.yaml:5)"),
                signup.message());
        // A hard-coded field: the template line inside is said where the message does not name it.
        Finding replicas = Findings.single(alone, "single-router");
        Findings.at(replicas, "workflow-v2.19.4.tgz:1:1");
        assertTrue(
                replicas.message()
                        .endsWith(
                                "(in the archive at "
                                        + "workflow-v2.19.4.tgz!/workflow/charts/router/templates/router-deployment.yaml:13:3)"),
                replicas.message());
    }

    @Test
    void anArchiveThatIsNoChartIsAnErrorNamingItAsConfigured() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .bytes("charts/empty.tgz", new byte[0])
                .file("charts/bad.tgz", "not a gzip stream\n")
                .file("values.yaml", "a: 1\n");
        InputException empty = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.chart("charts/empty.tgz").values("values.yaml")));
        assertEquals(
                "charts/empty.tgz is empty or cut short: not a complete gzip-compressed chart archive "
                        + "[parameter chart / workflow.chart]",
                empty.getMessage());
        InputException bad = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.chart("charts/bad.tgz").values("values.yaml")));
        assertEquals(
                "charts/bad.tgz is not a gzip-compressed chart archive: Not in GZIP format "
                        + "[parameter chart / workflow.chart]",
                bad.getMessage());
    }

    @Test
    void aBrokenTemplateFailsWithHelmsMessageAndTheTemplateLine() throws Exception {
        TestRepo repo = repo().file(
                        "charts/workflow/charts/router/templates/broken.yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.host_port.enabled.nope }}\n")
                .file("values.yaml", "a: 1\n");
        InputException e = assertThrows(InputException.class, () -> check(repo, "values.yaml"));
        assertTrue(e.getMessage().startsWith("charts/workflow/charts/router/templates/broken.yaml:6:"), e.getMessage());
        assertTrue(e.getMessage().contains("does not render"), e.getMessage());
        assertTrue(e.getMessage().contains("[parameter chart / workflow.chart]"), e.getMessage());
    }

    @Test
    void aChartThatRendersNothingIsAnError() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("empty/Chart.yaml", "apiVersion: v1\nname: empty\nversion: 1.0.0\n")
                .file("empty/templates/nothing.yaml", "{{- if false }}\nkind: ConfigMap\n{{- end }}\n")
                .file("values.yaml", "a: 1\n");
        InputException e = assertThrows(
                InputException.class, () -> repo.check(b -> b.chart("empty").values("values.yaml")));
        assertTrue(e.getMessage().contains("renders nothing"), e.getMessage());
    }

    @Test
    void committedManifestsAreComparedWithTheFreshRender() throws Exception {
        TestRepo repo = repo().file("values.yaml", "controller:\n  registration_mode: admin_only\n")
                .file("rendered/controller.yaml", """
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
                                  image: quay.io/deisci/controller:v2.19.4
                                  env:
                                    - name: REGISTRATION_MODE
                                      value: "enabled"
                        """);
        CheckResult result =
                repo.check(b -> b.chart("charts/workflow").values("values.yaml").manifests("rendered"));
        Finding stale = Findings.single(result, "stale-render");
        Findings.at(stale, "rendered/controller.yaml:14:22");
        Findings.says(
                stale,
                "env REGISTRATION_MODE is \"enabled\" in the committed render but \"admin_only\" in a "
                        + "fresh render");
    }

    @Test
    void aMissingChartIsAConfigurationError() {
        InputException e =
                assertThrows(InputException.class, () -> new TestRepo(dir).check(b -> b.chart("charts/nope")));
        assertTrue(e.getMessage().startsWith("charts/nope does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("chart / workflow.chart"), e.getMessage());
    }
}
