package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.InputException;
import dev.workflowguard.testing.TestRepo;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm is not a dependency of the installed plugin: the goals hand the renderer the jars Maven resolved,
 * and the one class that calls helm-java is defined by a loader over those jars.
 */
class HelmLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theCoordinatesAreTheHelmJavaReleaseThePluginIsBuiltWith() {
        Path jar = helmJars().stream()
                .filter(p -> p.getFileName().toString().startsWith("helm-java-"))
                .findFirst()
                .orElseThrow();
        String version = jar.getParent().getFileName().toString();
        assertEquals("com.marcnuri.helm-java:helm-java:" + version, HelmLibrary.coordinates());
    }

    @Test
    void theTemplateCallRunsInALoaderThatAloneSeesHelm() throws Exception {
        // A parent like the plugin's class realm in Maven: the plugin's classes, and no helm-java.
        URL pluginClasses =
                HelmTemplateCall.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader plugin =
                new URLClassLoader(new URL[] {pluginClasses}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("com.marcnuri.helm.Helm", false, plugin));
            Path chart = chart();
            // As in Maven, the context class loader (where helm-java looks for its native library) does not see Helm.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(plugin);
            String text;
            try {
                text = HelmBinding.template(
                        () -> helmJars(),
                        chart,
                        "deis",
                        "deis",
                        List.of(),
                        List.<String[]>of(new String[] {"mode", "admin_only"}),
                        plugin);
                assertEquals(plugin, thread.getContextClassLoader(), "the context class loader is restored");
            } finally {
                thread.setContextClassLoader(previous);
            }
            assertTrue(text.contains("registration_mode: admin_only"), text);
            assertTrue(text.contains("namespace: deis"), text);
        }
    }

    @Test
    void aLibraryThatCannotBeResolvedFailsTheCheckNamingTheChartParameter() throws Exception {
        TestRepo repo = new TestRepo(dir);
        Path chart = chart();
        repo.bytes("chart/Chart.yaml", Files.readAllBytes(chart.resolve("Chart.yaml")));
        repo.bytes("chart/templates/cm.yaml", Files.readAllBytes(chart.resolve("templates/cm.yaml")));
        InputException e = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.chart("chart").helmLibrary(() -> {
                    throw new RenderException("cannot resolve Helm's Java library (offline)");
                })));
        assertEquals("cannot resolve Helm's Java library (offline) [parameter chart / workflow.chart]", e.getMessage());
        assertEquals("chart / workflow.chart", e.parameter());
    }

    @Test
    void aRendererGivenNoJarsUsesHelmOnItsOwnClassPath() throws Exception {
        Path chart = chart();
        HelmRenderer.Rendered rendered = new HelmRenderer(HelmLibrary.ON_CLASS_PATH)
                .render(new RenderRequest(
                        new ChartLoader(dev.workflowguard.yaml.YamlLimits.DEFAULTS).load(chart, "chart-src"),
                        "deis",
                        "deis",
                        List.of(),
                        List.of(),
                        List.of("mode=disabled"),
                        Map.of()));
        assertTrue(rendered.text().contains("registration_mode: disabled"), rendered.text());
    }

    private Path chart() throws Exception {
        Path chart = dir.resolve("chart-src");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 2.19.0\n");
        Files.writeString(
                chart.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        + "  name: tiny\n  namespace: {{ .Release.Namespace }}\ndata:\n"
                        + "  registration_mode: {{ .Values.mode | default \"enabled\" }}\n");
        return chart;
    }

    /** helm-java, its native library and JNA, from the test class path (where Maven put them as provided). */
    private static List<Path> helmJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("helm-java") || entry.contains("jna")) {
                jars.add(Path.of(entry));
            }
        }
        assertTrue(jars.size() >= 3, jars.toString());
        return jars;
    }
}
