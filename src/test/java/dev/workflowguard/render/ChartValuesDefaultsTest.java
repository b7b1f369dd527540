package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.ChartDefault;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.YamlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart's own defaults: parents override subcharts, global flows down, each default keeps its line. */
class ChartValuesDefaultsTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ChartValuesDefaults defaults() throws Exception {
        Chart chart = new ChartLoader(YamlLimits.DEFAULTS).load(dir.resolve("umbrella"), "charts/umbrella");
        return ChartValuesDefaults.read(chart, YamlLimits.DEFAULTS, chart.version());
    }

    @Test
    void subchartValuesParentOverridesAndGlobal() throws Exception {
        write("umbrella/Chart.yaml", "name: workflow\nversion: v2.21.0\n");
        write("umbrella/values.yaml", "global:\n  storage: s3\nmonitor:\n  grafana:\n    user: root\n");
        write("umbrella/charts/controller/Chart.yaml", "name: controller\nversion: v2.21.0\n");
        write(
                "umbrella/charts/controller/values.yaml",
                "# c\nregistration_mode: \"admin_only\"\nglobal:\n  use_rbac: true\n");
        write("umbrella/charts/monitor/Chart.yaml", "name: monitor\nversion: v2.21.0\n");
        write("umbrella/charts/monitor/values.yaml", "grafana:\n  password: admin\n");
        write("umbrella/charts/monitor/charts/grafana/Chart.yaml", "name: grafana\nversion: v2.21.0\n");
        write(
                "umbrella/charts/monitor/charts/grafana/values.yaml",
                "user: admin\npassword: secret\nallow_sign_up: \"true\"\n");
        ChartValuesDefaults defaults = defaults();
        assertEquals(
                WorkflowVersion.parse("2.21.0").display(),
                defaults.version().display().replace("v", ""));

        ChartDefault mode = defaults.lookup(ValuesPath.parse("controller.registration_mode"))
                .orElseThrow();
        assertEquals("admin_only", mode.value());
        assertEquals(
                "charts/umbrella/charts/controller/values.yaml:2:20",
                mode.location().toString());
        assertEquals(
                "chart default in charts/umbrella/charts/controller/values.yaml:2 is \"admin_only\"",
                mode.explanation());

        // Parents win: umbrella over monitor over grafana.
        assertEquals(
                "root",
                defaults.lookup(ValuesPath.parse("monitor.grafana.user"))
                        .orElseThrow()
                        .value());
        assertEquals(
                "admin",
                defaults.lookup(ValuesPath.parse("monitor.grafana.password"))
                        .orElseThrow()
                        .value());
        ChartDefault signUp = defaults.lookup(ValuesPath.parse("monitor.grafana.allow_sign_up"))
                .orElseThrow();
        assertTrue(
                signUp.location().toString().startsWith("charts/umbrella/charts/monitor/charts/grafana/values.yaml:3"));

        // global: the umbrella's, else a subchart's own global default.
        assertEquals(
                "s3",
                defaults.lookup(ValuesPath.parse("global.storage"))
                        .orElseThrow()
                        .value());
        assertEquals(
                "true",
                defaults.lookup(ValuesPath.parse("global.use_rbac"))
                        .orElseThrow()
                        .value());
        assertTrue(defaults.lookup(ValuesPath.parse("router.replicas")).isEmpty());
    }

    @Test
    void nearestIsTheKeyOrItsDeepestParentInAnyOfTheChartsValues() throws Exception {
        write("umbrella/Chart.yaml", "name: workflow\nversion: v2.21.0\n");
        write("umbrella/values.yaml", "global:\n  storage: s3\nrouter:\n  deployment_annotations:\n");
        write("umbrella/charts/router/Chart.yaml", "name: router\nversion: v2.21.0\n");
        write("umbrella/charts/router/values.yaml", "replicas: 1\nservice_annotations:\n  a: b\n");
        write("umbrella/charts/controller/Chart.yaml", "name: controller\nversion: v2.21.0\n");
        write("umbrella/charts/controller/values.yaml", "global:\n  rbac:\n    enabled: false\n");
        ChartValuesDefaults defaults = defaults();
        // The key itself (its line), in the umbrella or in a subchart.
        assertEquals("charts/umbrella/values.yaml:4:3", nearest(defaults, "router.deployment_annotations"));
        assertEquals("charts/umbrella/charts/router/values.yaml:1:1", nearest(defaults, "router.replicas"));
        // Its deepest parent: a tie between the umbrella's router.deployment_annotations and none in the subchart.
        assertEquals(
                "charts/umbrella/values.yaml:4:3",
                nearest(defaults, "router.deployment_annotations.\"router.deis.io/nginx.ssl.enforce\""));
        // The subchart goes deeper than the umbrella's router: key.
        assertEquals(
                "charts/umbrella/charts/router/values.yaml:2:1",
                nearest(
                        defaults,
                        "router.service_annotations.\"service.beta.kubernetes.io/aws-load-balancer-ssl-cert\""));
        // global: the umbrella's, unless a subchart's own global goes deeper.
        assertEquals("charts/umbrella/values.yaml:1:1", nearest(defaults, "global.use_rbac"));
        assertEquals("charts/umbrella/charts/controller/values.yaml:2:3", nearest(defaults, "global.rbac.create"));
        // Nothing of the path in the chart at all.
        assertTrue(defaults.nearest(ValuesPath.parse("registry.docker_tag")).isEmpty());
    }

    private static String nearest(ChartValuesDefaults defaults, String path) {
        return defaults.nearest(ValuesPath.parse(path)).orElseThrow().toString();
    }

    @Test
    void everyDefaultIsListedAsThePathAValuesFileOverridesItWith() throws Exception {
        write("umbrella/Chart.yaml", "name: workflow\nversion: v2.21.0\n");
        write("umbrella/values.yaml", "global:\n  storage: s3\nmonitor:\n  grafana:\n    user: root\nempty:\n");
        write("umbrella/charts/controller/Chart.yaml", "name: controller\nversion: v2.21.0\n");
        write(
                "umbrella/charts/controller/values.yaml",
                "registration_mode: \"admin_only\"\nglobal:\n  use_rbac: true\n"
                        + "nested:\n  global:\n    not_global: x\n");
        write("umbrella/charts/monitor/Chart.yaml", "name: monitor\nversion: v2.21.0\n");
        write("umbrella/charts/monitor/charts/grafana/Chart.yaml", "name: grafana\nversion: v2.21.0\n");
        write("umbrella/charts/monitor/charts/grafana/values.yaml", "user: admin\nallow_sign_up: \"true\"\n");
        ChartValuesDefaults defaults = defaults();
        assertEquals(
                java.util.Set.of(
                        "global.storage",
                        "monitor.grafana.user",
                        "controller.registration_mode",
                        "global.use_rbac",
                        "controller.nested.global.not_global",
                        "monitor.grafana.allow_sign_up"),
                defaults.paths().stream().map(ValuesPath::toString).collect(java.util.stream.Collectors.toSet()));
        for (ValuesPath path : defaults.paths()) {
            assertTrue(defaults.lookup(path).isPresent(), path::toString);
        }
    }
}
