package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.testing.GeneratedUmbrella;
import dev.workflowguard.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins where provenance points, rule by rule: every finding of a chart check, each of its places with
 * the file:line:col, the values key it blames and the message, compared with a file written by the code
 * before provenance was batched (src/test/resources/provenance-pins). The charts are the ITs' (their
 * values, `--set` and committed manifests, the fork and the packed chart their prebuild scripts make)
 * and the generated umbrella of {@link GeneratedUmbrella}. Rewrite the files only for a change that is
 * meant to move a place: {@code -Dprovenance.pins.write=true}, then review the diff.
 */
class ProvenancePinTest {

    private static final Path PINS = Path.of("src", "test", "resources", "provenance-pins");
    private static final Path IT_CHART = Path.of("src", "it", "_fixtures", "charts", "workflow");
    private static final String GRAFANA_PASSWORD = "monitor.grafana.password=Zq7-from-CI";

    @TempDir
    Path dir;

    @Test
    void itChartStockValues() throws Exception {
        pin(
                "it-chart-stock-values",
                itRepo("chart-stock-values"),
                b -> b.chart("charts/workflow").values("values/values.yaml"));
    }

    @Test
    void itChartNotBlamed() throws Exception {
        pin(
                "it-chart-not-blamed",
                itRepo("chart-not-blamed"),
                b -> b.chart("charts/workflow").values("values/values.yaml", "values/prod.yaml"));
    }

    @Test
    void itChartStaleRender() throws Exception {
        TestRepo repo = itRepo("chart-stale-render");
        copy(Path.of("src", "it", "chart-stale-render", "rendered"), dir.resolve("rendered"));
        pin(
                "it-chart-stale-render",
                repo,
                b -> b.chart("charts/workflow")
                        .values("values/values.yaml", "values/prod.yaml")
                        .manifests("rendered")
                        .set(GRAFANA_PASSWORD));
    }

    @Test
    void itChartProductionPasses() throws Exception {
        TestRepo repo = itRepo("chart-production-passes");
        copy(Path.of("src", "it", "chart-production-passes", "manifests"), dir.resolve("manifests"));
        pin(
                "it-chart-production-passes",
                repo,
                b -> b.chart("charts/workflow")
                        .values("values/values.yaml", "values/prod.yaml")
                        .manifests("manifests")
                        .set("monitor.grafana.password=Qx7-rotated-by-CI"));
    }

    @Test
    void itChartSetValues() throws Exception {
        pin(
                "it-chart-set-values",
                itRepo("chart-set-values"),
                b -> b.chart("charts/workflow")
                        .values("values/values.yaml")
                        .set("controller.registration_mode=enabled," + GRAFANA_PASSWORD
                                + ",global.team_labels={team-a,team-b}"));
    }

    @Test
    void itChartTgz() throws Exception {
        TestRepo repo = itRepo("chart-tgz");
        Path chart = dir.resolve("charts/workflow");
        Path archive = dir.resolve("workflow-v2.19.4.tgz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "workflow")
                .directory(chart.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar: " + output);
        delete(chart);
        pin("it-chart-tgz", repo, b -> b.chart("workflow-v2.19.4.tgz").values("values/values.yaml"));
    }

    @Test
    void itChartForkReplicas() throws Exception {
        // As the IT's prebuild.groovy makes it: the router exposes its replica count (router.replicas, default 1).
        TestRepo repo = itRepo("chart-fork-replicas");
        Path router = dir.resolve("charts/workflow/charts/router");
        edit(
                router.resolve("templates/router-deployment.yaml"),
                "  replicas: 1\n",
                "  replicas: {{ .Values.replicas }}\n");
        edit(router.resolve("values.yaml"), "dhparam: \"\"\n", "dhparam: \"\"\nreplicas: 1\n");
        pin(
                "it-chart-fork-replicas",
                repo,
                b -> b.chart("charts/workflow").values("values/prod.yaml").set("monitor.grafana.password=Vn4-from-CI"));
    }

    @Test
    void itChartWithoutValues() throws Exception {
        // As the IT's prebuild.groovy makes it: the chart shaped like Workflow v2.11 (host ports on, no RBAC, no
        // Grafana sign-up switch, open registration by default).
        TestRepo repo = itRepo("chart-without-values");
        Path chart = dir.resolve("charts/workflow");
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, Files.readString(file).replace("v2.19.4", "v2.11.0"));
            }
        }
        edit(chart.resolve("values.yaml"), "  host_port:\n    enabled: false\n", "  host_port:\n    enabled: true\n");
        edit(
                chart.resolve("charts/router/values.yaml"),
                "host_port:\n  enabled: false\n",
                "host_port:\n  enabled: true\n");
        edit(
                chart.resolve("charts/router/templates/router-deployment.yaml"),
                "            - containerPort: 2222\n",
                "            - containerPort: 2222\n              {{- if .Values.host_port.enabled }}\n"
                        + "              hostPort: 2222\n              {{- end }}\n");
        edit(
                chart.resolve("values.yaml"),
                "  # Role-Based Access Control for Kubernetes >= 1.5\n  use_rbac: false\n",
                "");
        Files.delete(chart.resolve("charts/controller/templates/controller-clusterrole.yaml"));
        edit(
                chart.resolve("charts/controller/values.yaml"),
                "registration_mode: \"admin_only\"\nglobal:\n  use_rbac: false\n",
                "registration_mode: \"enabled\"\n");
        Path grafana = chart.resolve("charts/monitor/charts/grafana");
        edit(grafana.resolve("values.yaml"), "allow_sign_up: \"true\"\n", "");
        edit(
                grafana.resolve("templates/monitor-grafana-deployment.yaml"),
                "            - name: \"ALLOW_SIGN_UP\"\n              value: {{ .Values.allow_sign_up | quote }}\n",
                "");
        pin("it-chart-without-values", repo, b -> b.chart("charts/workflow"));
    }

    @Test
    void generatedUmbrellaStock() throws Exception {
        TestRepo repo = new TestRepo(dir);
        GeneratedUmbrella.write(dir.resolve("charts/workflow"));
        pin("generated-stock", repo, b -> b.chart("charts/workflow"));
    }

    @Test
    void generatedUmbrellaWithMistakes() throws Exception {
        TestRepo repo = new TestRepo(dir);
        GeneratedUmbrella.write(dir.resolve("charts/workflow"));
        repo.file("values/base.yaml", GeneratedUmbrella.BASE).file("values/prod.yaml", GeneratedUmbrella.MISTAKES);
        pin(
                "generated-mistakes",
                repo,
                b -> b.chart("charts/workflow")
                        .values("values/base.yaml", "values/prod.yaml")
                        .set("builder.docker_tag=latest"));
    }

    @Test
    void generatedUmbrellaProduction() throws Exception {
        TestRepo repo = new TestRepo(dir);
        GeneratedUmbrella.write(dir.resolve("charts/workflow"));
        repo.file("values/base.yaml", GeneratedUmbrella.BASE).file("values/prod.yaml", GeneratedUmbrella.PRODUCTION);
        pin(
                "generated-production",
                repo,
                b -> b.chart("charts/workflow")
                        .values("values/base.yaml", "values/prod.yaml")
                        .set("monitor.grafana.password=Pq8-from-CI"));
    }

    private void pin(String name, TestRepo repo, Consumer<dev.workflowguard.check.CheckRequest.Builder> configure)
            throws Exception {
        String actual = describe(repo.check(configure));
        Path file = PINS.resolve(name + ".txt");
        if (Boolean.getBoolean("provenance.pins.write")) {
            Files.createDirectories(PINS);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(file), name + ": no pinned provenance at " + file);
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + ": provenance moved");
    }

    /** Every finding and place, one line each: where it points, the key blamed, what it says. */
    static String describe(CheckResult result) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : result.findings()) {
            out.append(finding.rule()).append(' ').append(finding.severity()).append('\n');
            for (Place place : finding.places()) {
                out.append("  ")
                        .append(place.location())
                        .append(" key=")
                        .append(place.valuesPath())
                        .append(" object=")
                        .append(place.object())
                        .append("\n    ")
                        .append(place.message())
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** The IT's values files and the ITs' shared test chart in charts/workflow. */
    private TestRepo itRepo(String it) throws IOException {
        copy(Path.of("src", "it", it, "values"), dir.resolve("values"));
        copy(IT_CHART, dir.resolve("charts/workflow"));
        return new TestRepo(dir);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Replaces text the file holds exactly once, as the ITs' ChartFixture.edit does. */
    private static void edit(Path file, String text, String replacement) throws IOException {
        String content = Files.readString(file);
        assertEquals(1, content.split(java.util.regex.Pattern.quote(text), -1).length - 1, file + ": " + text);
        Files.writeString(file, content.replace(text, replacement));
    }
}
