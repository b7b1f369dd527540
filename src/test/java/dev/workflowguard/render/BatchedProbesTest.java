package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSelection;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.values.DefaultValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance asks about many keys with few renders, and still blames a key only when changing that
 * key alone changes the field: a batch whose probes change the chart's structure, or a field that
 * moves without carrying a sentinel, is told apart by rendering keys alone. Each case names the
 * key it is about, and the answer is the one a render of that key alone gives.
 */
class BatchedProbesTest {

    @TempDir
    Path dir;

    /** A chart whose one ConfigMap shows how each key reaches its field. */
    private static final String TEMPLATE = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: probes
            stringData:
              plain: {{ .Values.plain | quote }}
              also: {{ .Values.also }}
              encoded: {{ .Values.encoded | b64enc }}
              {{- if eq .Values.mode "x" }}
              branch: fixed
              {{- else }}
              branch: {{ .Values.hidden | quote }}
              {{- end }}
              {{- if and .Values.left .Values.right }}
              both: "on"
              {{- end }}
              untouched: constant
            """;

    private static final String VALUES = """
            plain: a
            also: b
            encoded: c
            mode: x
            hidden: other
            left: true
            right: false
            ignored: d
            """;

    private Provenance provenance() throws Exception {
        Path chart = dir.resolve("chart");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v1\nname: probes\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("values.yaml"), VALUES);
        Files.writeString(chart.resolve("templates/configmap.yaml"), TEMPLATE);
        Chart loaded = new ChartLoader(YamlLimits.DEFAULTS).load(chart, "chart");
        RenderRequest request = new RenderRequest(loaded, "deis", "deis", List.of(), List.of(), List.of(), Map.of());
        String text = new HelmRenderer().render(request).text();
        SourceFile file = new SourceFile(chart.resolve(".render.yaml"), "render", text, StandardCharsets.UTF_8, false);
        YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);
        ManifestSet rendered = new ManifestReader(loader, ManifestSelection.of(List.of(ObjectMatch.any("Secret"))))
                .read(List.of(file));
        DefaultValues defaults = ChartValuesDefaults.read(loaded, YamlLimits.DEFAULTS, WorkflowVersion.UNSET);
        return new Provenance(
                new HelmRenderer(),
                request,
                rendered,
                file,
                null,
                defaults,
                loader,
                new SourceReader(YamlLimits.DEFAULTS),
                RuleCatalogue.all());
    }

    private static KubeObject configMap(Provenance provenance, ManifestSet set) {
        return set.first("Secret", "probes");
    }

    @Test
    void eachKeyIsBlamedForItsOwnFieldOnlyAsRenderingItAloneShows() throws Exception {
        Provenance provenance = provenance();
        ManifestSet set = renderedOf(provenance);
        KubeObject map = configMap(provenance, set);
        List<ValuesPath> keys =
                List.of("plain", "also", "encoded", "mode", "hidden", "left", "right", "ignored").stream()
                        .map(ValuesPath::of)
                        .toList();
        Map<String, List<String>> expected = Map.of(
                "plain", List.of("plain"),
                "also", List.of("also"),
                // b64enc hides the sentinel: told by rendering the key alone.
                "encoded", List.of("encoded"),
                // mode flips the branch; hidden shows only on the other branch, so changing it alone changes nothing
                // (a batch of both shows hidden's sentinel where the field was: not separable, told apart alone).
                "branch", List.of("mode"),
                // and(true, false): flipping right alone turns it on, flipping left alone does not.
                "both", List.of("right"),
                "untouched", List.of());
        for (Map.Entry<String, List<String>> field : expected.entrySet()) {
            List<Object> path = List.of("stringData", field.getKey());
            List<String> blamed = new ArrayList<>();
            for (ValuesPath key : keys) {
                if (provenance.controls(key, map, path)) {
                    blamed.add(key.toString());
                }
            }
            assertEquals(field.getValue(), blamed, "keys that change stringData." + field.getKey() + " alone");
        }
    }

    @Test
    void keysThatShowTheirSentinelsCleanlyShareOneRender() throws Exception {
        Provenance provenance = provenance();
        KubeObject map = configMap(provenance, renderedOf(provenance));
        assertEquals(
                ValuesPath.of("also"),
                provenance.firstControlling(
                        List.of(ValuesPath.of("ignored"), ValuesPath.of("plain"), ValuesPath.of("also")),
                        map,
                        List.of("stringData", "also")),
                "the first key that changes data.also");
        assertEquals(1, provenance.probeRenders(), "three keys whose probes only put sentinels in place: one render");
        assertNull(provenance.firstControlling(
                List.of(ValuesPath.of("ignored")), map, List.of("stringData", "untouched")));
        assertEquals(1, provenance.probeRenders(), "a key already probed in a separable batch is not rendered again");
    }

    @Test
    void helmRendersFromSeveralThreadsAsItDoesFromOne() throws Exception {
        // helm-java calls Helm's Go library through JNA; each call loads the chart and builds its own install action,
        // so renders on several threads must give exactly what the same renders give one after another.
        provenance();
        Chart chart = new ChartLoader(YamlLimits.DEFAULTS).load(dir.resolve("chart"), "chart");
        List<RenderRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(new RenderRequest(
                    chart, "deis", "deis", List.of(), List.of(), List.of(), Map.of("plain", "thread-" + i)));
        }
        List<String> alone = new ArrayList<>();
        for (RenderRequest request : requests) {
            alone.add(HelmBinding.template(
                    HelmLibrary.ON_CLASS_PATH,
                    chart.directory(),
                    "deis",
                    "deis",
                    List.of(),
                    List.<String[]>of(new String[] {"plain", request.probes().get("plain")})));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<String>> together = new ArrayList<>();
                for (RenderRequest request : requests) {
                    together.add(pool.submit(() -> HelmBinding.template(
                            HelmLibrary.ON_CLASS_PATH,
                            chart.directory(),
                            "deis",
                            "deis",
                            List.of(),
                            List.<String[]>of(
                                    new String[] {"plain", request.probes().get("plain")}))));
                }
                for (int i = 0; i < requests.size(); i++) {
                    assertEquals(alone.get(i), together.get(i).get(), "round " + round + ", render " + i);
                    assertTrue(alone.get(i).contains("thread-" + i), "render " + i + " shows its own value");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ManifestSet renderedOf(Provenance provenance) throws Exception {
        Chart chart = new ChartLoader(YamlLimits.DEFAULTS).load(dir.resolve("chart"), "chart");
        String text = new HelmRenderer()
                .render(new RenderRequest(chart, "deis", "deis", List.of(), List.of(), List.of(), Map.of()))
                .text();
        // The same render (cached), read again: provenance finds objects by kind and name.
        KubeObject[] found = new KubeObject[1];
        ManifestSet set = new ManifestReader(
                        new YamlLoader(YamlLimits.DEFAULTS), ManifestSelection.of(List.of(ObjectMatch.any("Secret"))))
                .read(List.of(new SourceFile(dir.resolve("r.yaml"), "r", text, StandardCharsets.UTF_8, false)));
        found[0] = set.first("Secret", "probes");
        assertTrue(found[0] != null, "the chart renders its ConfigMap");
        return set;
    }
}
