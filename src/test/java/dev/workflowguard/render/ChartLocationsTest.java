package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.report.ConsoleReport;
import dev.workflowguard.report.HtmlReport;
import dev.workflowguard.report.JUnitReport;
import dev.workflowguard.report.JsonReport;
import dev.workflowguard.report.ReportPaths;
import dev.workflowguard.report.SarifReport;
import dev.workflowguard.suppress.SuppressedFinding;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * In chart mode every place a finding names is a file of the project: the values line, else the
 * values file where the fix goes, else (no values files) the chart's own values.yaml line of the
 * key or its nearest parent, else the template that renders the object; never the render, which
 * exists only in memory. A message names each rendered object once, and the summary counts the
 * chart's files.
 */
class ChartLocationsTest {

    private static final String ROUTER = "charts/workflow/charts/router/templates/router-deployment.yaml";
    private static final String GRAFANA_TEMPLATE =
            "charts/workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml";
    /** The test chart holds 19 files (Chart.yaml, values.yaml and templates of the umbrella and 5 subcharts). */
    private static final int CHART_FILES = 19;

    @TempDir
    Path dir;

    private TestRepo repo() throws Exception {
        return new TestRepo(dir).chart("workflow");
    }

    /** Every place as "file:line:col rule", in report order. */
    private static List<String> places(CheckResult result) {
        List<String> places = new ArrayList<>();
        for (Finding finding : result.findings()) {
            for (Place place : finding.places()) {
                places.add(place.location() + " " + finding.rule());
            }
        }
        return places;
    }

    /** Every place of every finding, suppressed ones included, is a regular file inside the project. */
    private void inProject(CheckResult result) {
        List<Finding> all = new ArrayList<>(result.findings());
        result.suppressed().stream().map(SuppressedFinding::finding).forEach(all::add);
        for (Finding finding : all) {
            for (Place place : finding.places()) {
                Path file = place.location().file().path().toAbsolutePath().normalize();
                boolean fromSet = place.location().fileName().equals("--set");
                assertTrue(
                        fromSet || (file.startsWith(dir.toAbsolutePath().normalize()) && Files.isRegularFile(file)),
                        () -> "not a file of the project: " + ConsoleReport.line(finding, place));
                assertFalse(place.location().fileName().contains("helm template"), ConsoleReport.line(finding, place));
            }
        }
        result.suppressed()
                .forEach(s -> assertTrue(
                        Files.isRegularFile(s.suppression().source().file().path()),
                        () -> "suppression source " + s.suppression().source()));
        Findings.noClauseTwice(result);
    }

    @Test
    void withoutValuesFilesFindingsPointAtTheChartsOwnValues() throws Exception {
        CheckResult result = repo().check(b -> b.chart("charts/workflow"));
        inProject(result);
        assertEquals(
                List.of(
                        "charts/workflow/charts/monitor/charts/grafana/values.yaml:5:16 grafana-signup", // allow_sign_up: "true"
                        ROUTER + ":13:3 single-router", // replicas: 1, hard-coded
                        "charts/workflow/values.yaml:3:12 minio-storage", //   storage: minio
                        "charts/workflow/values.yaml:7:13 rbac-disabled", //   use_rbac: false
                        "charts/workflow/values.yaml:33:15 grafana-default-admin", //     password: "admin"
                        "charts/workflow/values.yaml:37:3 no-ip-whitelist", //   deployment_annotations:
                        "charts/workflow/values.yaml:37:3 tls-legacy-protocols",
                        "charts/workflow/values.yaml:37:3 tls-not-enforced",
                        "charts/workflow/values.yaml:40:3 tls-missing"),
                places(result)); //   service_annotations:
        Findings.says(
                Findings.single(result, "tls-missing"),
                "Service/deis-router has no load-balancer certificate " + "annotation",
                "(rendered from charts/workflow/charts/router/templates/router-service.yaml; "
                        + "router.service_annotations.\"service.beta.kubernetes.io/aws-load-balancer-ssl-cert\" is set nowhere, "
                        + "so the template's own default applies)");
        Findings.says(
                Findings.single(result, "tls-not-enforced"),
                "(rendered from " + ROUTER + "; "
                        + "router.deployment_annotations.\"router.deis.io/nginx.ssl.enforce\" is set nowhere");
        // Two objects rendered from global.storage: one place, each object named once.
        assertEquals(
                List.of(
                        "(rendered from charts/workflow/charts/minio/templates/minio-deployment.yaml; global.storage "
                                + "is not set in the values files: chart default in charts/workflow/values.yaml:3)",
                        "(rendered into "
                                + "Secret/objectstorage-keyfile by charts/workflow/templates/objectstorage-secret.yaml)"),
                Findings.clauses(Findings.single(result, "minio-storage").message()));
        assertEquals(
                "workflow-guard: 5 errors, 3 warnings, 1 info in chart charts/workflow (" + CHART_FILES
                        + " files) checked (Workflow 2.19.4).",
                ConsoleReport.summary(result));
        assertEquals(CHART_FILES, result.filesChecked());
    }

    @Test
    void aKeyNoChartValuesFileHasPointsAtItsNearestParentInTheSubchart() throws Exception {
        // The umbrella has no router block: the router subchart's own values.yaml holds the nearest parents.
        TestRepo repo = repo().file("charts/workflow/values.yaml", "global:\n  storage: minio\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        inProject(result);
        Findings.at(Findings.single(result, "tls-not-enforced"), "charts/workflow/charts/router/values.yaml:5:1");
        Findings.at(Findings.single(result, "tls-missing"), "charts/workflow/charts/router/values.yaml:6:1");
    }

    @Test
    void aKeyTheChartNeverMentionsPointsAtTheTemplate() throws Exception {
        TestRepo repo = repo().file("charts/workflow/values.yaml", "global:\n  storage: minio\n")
                .file(
                        "charts/workflow/charts/router/values.yaml",
                        "org: deisci\ndocker_tag: v2.19.4\nhost_port:\n" + "  enabled: false\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        inProject(result);
        // The template line that renders the object (its name), not a line of any values file.
        Findings.at(Findings.single(result, "tls-not-enforced"), ROUTER + ":4:3");
        Findings.at(
                Findings.single(result, "tls-missing"),
                "charts/workflow/charts/router/templates/router-service.yaml:4:3");
    }

    @Test
    void aTemplateThatIsNotAFileOfTheChartFallsBackToTheChartsValuesFile() throws Exception {
        // The router subchart is vendored packed (charts/router-v2.19.4.tgz), as Helm allows: its template is no file
        // of the project, so the hard-coded replica count is reported at the top of the chart's values file.
        TestRepo repo = repo();
        Process tar = new ProcessBuilder("tar", "czf", "router-v2.19.4.tgz", "router")
                .directory(dir.resolve("charts/workflow/charts").toFile())
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        try (Stream<Path> walk = Files.walk(dir.resolve("charts/workflow/charts/router"))) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        inProject(result);
        Finding replicas = Findings.single(result, "single-router");
        Findings.at(replicas, "charts/workflow/values.yaml:1:1");
        Findings.says(replicas, "(rendered from " + ROUTER + ", where no values key controls this field)");
    }

    @Test
    void aRepeatedKeyInARenderedDocumentPointsAtItsTemplate() throws Exception {
        // A document that is no Kubernetes object belongs to no object: its template is found by its # Source line.
        TestRepo repo = repo().file(
                        "charts/workflow/templates/extra-settings.yaml",
                        "# settings for a sidecar\n" + "settings:\n  timeout: 5\n  timeout: 10\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        inProject(result);
        Findings.at(Findings.single(result, "duplicate-key"), "charts/workflow/templates/extra-settings.yaml:1:1");
    }

    @Test
    void withValuesFilesAKeySetNowhereIsReportedWhereTheFixGoes() throws Exception {
        TestRepo repo = repo().file("values.yaml", "global:\n  storage: s3\nmonitor:\n  grafana:\n    user: ops\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow").values("values.yaml"));
        inProject(result);
        Finding signUp = Findings.single(result, "grafana-signup");
        // Under monitor.grafana in the values file, where workflow:fix adds allow_sign_up; the chart's own
        // values.yaml line is named in the message.
        Findings.at(signUp, "values.yaml:4:3");
        assertEquals(
                "monitor.grafana.allow_sign_up is not set; chart default in "
                        + "charts/workflow/charts/monitor/charts/grafana/values.yaml:5 is \"true\": anyone who reaches Grafana "
                        + "can create an account and read the cluster's dashboards; set it to \"false\" (rendered into "
                        + "Deployment/deis-monitor-grafana by " + GRAFANA_TEMPLATE + ")",
                signUp.message());
        assertEquals("Deployment/deis-monitor-grafana", signUp.primary().object());
        assertTrue(signUp.fixable());
        assertEquals(
                "workflow-guard: 7 errors, 3 warnings, 1 info in 1 file and chart charts/workflow ("
                        + CHART_FILES
                        + " files) checked (Workflow 2.19.4). 4 findings can be corrected in the values files "
                        + "with `mvn workflow:fix`.",
                ConsoleReport.summary(result));
        assertEquals(CHART_FILES + 1, result.filesChecked());
    }

    @Test
    void theStockValuesWithTheChartPointOnlyIntoTheProject() throws Exception {
        TestRepo repo = repo().resource("fixtures/stock-values-2.19.yaml", "values/values.yaml")
                .file("values/prod.yaml", "router:\n  host_port:\n    enabled: true\n");
        inProject(repo.check(b -> b.chart("charts/workflow").values("values/values.yaml", "values/prod.yaml")));
    }

    @Test
    void aRouterThatBindsSeveralHostPortsIsNamedOnce() throws Exception {
        TestRepo repo = repo().file("values.yaml", "router:\n  host_port:\n    enabled: true\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow").values("values.yaml"));
        inProject(result);
        Finding hostPort = Findings.single(result, "router-host-port");
        Findings.at(hostPort, "values.yaml:3:14");
        // The router binds two host ports (80 and 443): both are traced to this line; the line names the object once.
        assertEquals(
                "router.host_port.enabled is true: host ports are meant for minikube; on real nodes they bypass "
                        + "the load balancer, pin one router per node and open the node's own ports (rendered into "
                        + "Deployment/deis-router by " + ROUTER + ")",
                hostPort.message());
    }

    @Test
    void aRouterThatBindsSeveralHostPortsByChartDefaultIsNamedOnce() throws Exception {
        TestRepo repo = repo();
        repo.file(
                "charts/workflow/values.yaml",
                repo.read("charts/workflow/values.yaml")
                        .replace("  host_port:\n    enabled: false", "  host_port:\n    enabled: true"));
        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        inProject(result);
        Finding hostPort = Findings.single(result, "router-host-port");
        Findings.at(hostPort, "charts/workflow/values.yaml:44:14");
        assertEquals(
                "Deployment/deis-router binds hostPort 80: host ports are meant for minikube; on real nodes they "
                        + "bypass the load balancer, pin one router per node and open the node's own ports; set "
                        + "router.host_port.enabled: false (rendered from " + ROUTER
                        + "; router.host_port.enabled is not set "
                        + "in the values files: chart default in charts/workflow/values.yaml:44)",
                hostPort.message());
    }

    @Test
    void withOnlySetValuesKeysSetNowherePointAtTheChart() throws Exception {
        CheckResult result = repo().check(
                        b -> b.chart("charts/workflow").set("global.use_rbac=true", "router.host_port.enabled=true"));
        inProject(result);
        // The value --set gives stays at its pair; keys set nowhere go to the chart's values, not to "--set:1:1".
        Findings.at(Findings.single(result, "router-host-port"), "--set:2:26");
        Findings.at(Findings.single(result, "single-router"), "charts/workflow/values.yaml:35:1", ROUTER + ":13:3");
        Findings.at(Findings.single(result, "tls-not-enforced"), "charts/workflow/values.yaml:37:3");
        Findings.at(
                Findings.single(result, "grafana-signup"),
                "charts/workflow/charts/monitor/charts/grafana/values.yaml:5:16");
        assertTrue(
                places(result).stream()
                        .filter(p -> p.startsWith("--set"))
                        .toList()
                        .equals(List.of("--set:2:26 router-host-port")),
                places(result).toString());
    }

    @Test
    void aSuppressionAnnotationGivenThroughTheValuesIsWrittenAtTheValuesLine() throws Exception {
        TestRepo repo = repo().file("values.yaml", """
                router:
                  deployment_annotations:
                    workflow-guard.dev/ignore.no-ip-whitelist: "a public PaaS: everyone may reach the apps"
                    workflow-guard.dev/ignore.nope: "x"
                """);
        CheckResult result = repo.check(b -> b.chart("charts/workflow").values("values.yaml"));
        inProject(result);
        Findings.none(result, "no-ip-whitelist");
        SuppressedFinding suppressed = result.suppressed().stream()
                .filter(s -> s.finding().rule().equals("no-ip-whitelist"))
                .findFirst()
                .orElseThrow();
        assertEquals("values.yaml:3:48", suppressed.suppression().source().toString());
        Findings.at(Findings.single(result, "invalid-suppression"), "values.yaml:4:37");
        Findings.says(
                Findings.single(result, "invalid-suppression"),
                "Deployment/deis-router annotation "
                        + "workflow-guard.dev/ignore.nope names \"nope\", which is not a rule id");
    }

    @Test
    void aSuppressionAnnotationWrittenInATemplateIsWrittenAtTheTemplateLine() throws Exception {
        TestRepo repo = repo();
        repo.file(
                "charts/workflow/charts/router/templates/router-deployment.yaml",
                repo.read("charts/workflow/charts/router/templates/router-deployment.yaml")
                        .replace(
                                "    component.deis.io/version: {{ .Values.docker_tag }}\n",
                                "    component.deis.io/version: {{ .Values.docker_tag }}\n"
                                        + "    workflow-guard.dev/ignore.router-host-port: \"no host ports in this fork\"\n"));
        CheckResult result = repo.check(b -> b.chart("charts/workflow"));
        inProject(result);
        // The router binds no host port, so the suppression covers nothing: stale, at the template's line.
        Findings.at(Findings.single(result, "stale-suppression"), ROUTER + ":9:5");
    }

    @Test
    void everyReportNamesOnlyFilesOfTheProject() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        TestRepo repo = repo().file("values/prod.yaml", "router:\n  host_port:\n    enabled: true\n");
        for (CheckResult result : List.of(
                repo.check(b -> b.chart("charts/workflow")),
                repo.check(b -> b.chart("charts/workflow").values("values/prod.yaml")))) {
            inProject(result);
            ObjectMapper mapper = new ObjectMapper();

            ByteArrayOutputStream sarif = new ByteArrayOutputStream();
            SarifReport.write(sarif, result, "test", new ReportPaths(dir));
            List<JsonNode> uris = mapper.readTree(sarif.toByteArray()).findValues("uri");
            assertFalse(uris.isEmpty());
            for (JsonNode uri : uris) {
                if (!uri.asText().startsWith("http")) {
                    assertTrue(
                            Files.isRegularFile(
                                    dir.resolve(URI.create(uri.asText()).getPath())),
                            uri.asText());
                }
            }

            ByteArrayOutputStream json = new ByteArrayOutputStream();
            JsonReport.write(json, result, "test", Severity.ERROR);
            JsonNode report = mapper.readTree(json.toByteArray());
            for (JsonNode file : report.get("findings").findValues("file")) {
                if (!file.isNull()) {
                    assertTrue(Files.isRegularFile(dir.resolve(file.asText())), file.asText());
                }
            }
            assertEquals(
                    result.filesChecked(), report.get("summary").get("files").asInt());
            assertEquals(CHART_FILES, report.get("summary").get("chartFiles").asInt());

            ByteArrayOutputStream junit = new ByteArrayOutputStream();
            JUnitReport.write(junit, result, Severity.ERROR, Set.of());
            NodeList cases = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(junit.toByteArray()))
                    .getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                String file = ((Element) cases.item(i)).getAttribute("classname");
                assertTrue(Files.isRegularFile(dir.resolve(file)), file);
            }

            ByteArrayOutputStream html = new ByteArrayOutputStream();
            HtmlReport.write(html, result, "test", Severity.ERROR, null);
            String page = html.toString(StandardCharsets.UTF_8);
            assertFalse(page.contains("helm template") || page.contains(".workflow-guard-render"));
            assertTrue(page.contains("chart charts/workflow (" + CHART_FILES + " files) checked"), page);
        }
    }

    @Test
    void aChartWithoutValuesFilesIsNeverZeroFilesChecked() throws Exception {
        CheckResult result = repo().check(b -> b.chart("charts/workflow"));
        assertFalse(ConsoleReport.summary(result).contains("0 files"), ConsoleReport.summary(result));
        assertTrue(
                result.filesInWords().equals("chart charts/workflow (" + CHART_FILES + " files)"),
                result.filesInWords());
    }
}
