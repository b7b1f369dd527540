package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.YamlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders kept between builds (a new JVM each): served again only for the same chart content, values,
 * `--set`, probes, release and plugin build; anything else renders again.
 */
class RenderCacheTest {

    @TempDir
    Path dir;

    private Chart chart() throws Exception {
        Path chart = dir.resolve("chart");
        if (!Files.exists(chart)) {
            Files.createDirectories(chart.resolve("charts/sub/templates"));
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v1\nname: top\nversion: 1.0.0\n");
            Files.writeString(chart.resolve("charts/sub/Chart.yaml"), "apiVersion: v1\nname: sub\nversion: 1.0.0\n");
            Files.writeString(chart.resolve("charts/sub/values.yaml"), "value: one\n");
            Files.writeString(chart.resolve("charts/sub/templates/map.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: sub
                    data:
                      value: {{ .Values.value | quote }}
                    """);
        }
        return new ChartLoader(YamlLimits.DEFAULTS).load(chart, "chart");
    }

    private static RenderRequest request(Chart chart, Map<String, String> probes) {
        return new RenderRequest(chart, "deis", "deis", List.of(), List.of(), List.of(), probes);
    }

    private int entries() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            return (int) files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
    }

    @Test
    void aRenderIsServedFromDiskOnlyForTheSameInputs() throws Exception {
        RenderCache cache = new RenderCache(dir.resolve("cache"), "build 1");
        HelmRenderer renderer = new HelmRenderer(HelmLibrary.ON_CLASS_PATH, cache);
        HelmRenderer.clearCache();
        HelmRenderer.Rendered first = renderer.render(request(chart(), Map.of("value", "probe")));
        assertFalse(first.cached());
        assertEquals(1, entries(), "the render is kept on disk");

        // As in the next build: a new JVM has an empty memory cache.
        HelmRenderer.clearCache();
        long made = HelmRenderer.rendersMade();
        HelmRenderer.Rendered again = renderer.render(request(chart(), Map.of("value", "probe")));
        assertTrue(again.cached(), "the same chart, values and probe");
        assertEquals(first.text(), again.text());
        assertEquals(made, HelmRenderer.rendersMade(), "no render made");

        HelmRenderer.clearCache();
        assertFalse(renderer.render(request(chart(), Map.of("value", "other"))).cached(), "another probe");
        HelmRenderer.clearCache();
        assertFalse(
                new HelmRenderer(HelmLibrary.ON_CLASS_PATH, new RenderCache(dir.resolve("cache"), "build 2"))
                        .render(request(chart(), Map.of("value", "probe")))
                        .cached(),
                "another plugin build");

        // A value deep in the subchart changes, at the same size: rendered again, and it shows.
        Path values = dir.resolve("chart/charts/sub/values.yaml");
        Files.writeString(values, "value: two\n");
        HelmRenderer.clearCache();
        HelmRenderer.Rendered edited = renderer.render(request(chart(), Map.of()));
        assertFalse(edited.cached(), "a subchart's values changed");
        assertTrue(edited.text().contains("\"two\""), edited.text());
    }

    @Test
    void anUnwritableCacheOnlyCostsARender() throws Exception {
        Files.writeString(dir.resolve("cache"), "a file where the folder should be");
        HelmRenderer renderer = new HelmRenderer(HelmLibrary.ON_CLASS_PATH, new RenderCache(dir.resolve("cache"), "b"));
        HelmRenderer.clearCache();
        assertTrue(renderer.render(request(chart(), Map.of())).text().contains("\"one\""));
    }
}
