package dev.workflowguard.render;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to render: the chart, the release, the values files in Helm order with their current text
 * (part of the cache key), the user's `--set` expressions, and probe overrides.
 *
 * @param chart the chart
 * @param releaseName `helm template <name>`
 * @param namespace `--namespace`
 * @param valuesFiles the values files, in order
 * @param valuesTexts their texts, in the same order (so an edited file is never served from cache)
 * @param sets `--set` expressions as the user wrote them
 * @param probes extra `--set key=value` pairs applied last (provenance probes)
 */
public record RenderRequest(
        Chart chart,
        String releaseName,
        String namespace,
        List<Path> valuesFiles,
        List<String> valuesTexts,
        List<String> sets,
        Map<String, String> probes) {

    public RenderRequest {
        valuesFiles = List.copyOf(valuesFiles);
        valuesTexts = List.copyOf(valuesTexts);
        sets = List.copyOf(sets);
        probes = Map.copyOf(probes);
    }

    public RenderRequest withProbe(String key, String value) {
        return withProbes(Map.of(key, value));
    }

    /** This request with these `--set` probes (and no others) after the user's. */
    public RenderRequest withProbes(Map<String, String> probeSets) {
        return new RenderRequest(chart, releaseName, namespace, valuesFiles, valuesTexts, sets, probeSets);
    }

    /** This request rendering another chart (the same chart as provenance's probes render it). */
    public RenderRequest withChart(Chart other) {
        return new RenderRequest(other, releaseName, namespace, valuesFiles, valuesTexts, sets, probes);
    }

    /** This request with one more values file after the user's (a provenance probe written as a file). */
    public RenderRequest withProbeFile(Path file, String text) {
        List<Path> files = new ArrayList<>(valuesFiles);
        files.add(file);
        List<String> texts = new ArrayList<>(valuesTexts);
        texts.add(text);
        return new RenderRequest(chart, releaseName, namespace, files, texts, sets, probes);
    }

    /**
     * What the render depends on, without where the files happen to be (a packed chart is unpacked to a new
     * folder in each build, a text not on disk yet to a temporary file): for renders kept between builds.
     */
    String contentKey() {
        StringBuilder key = new StringBuilder(
                chart.displayRoot() + "|" + chart.fingerprint() + "|" + releaseName + "|" + namespace);
        valuesTexts.forEach(
                text -> key.append("|values#").append(ChartLoader.hash(text.getBytes(StandardCharsets.UTF_8))));
        sets.forEach(s -> key.append("|set:").append(s));
        new TreeMap<>(probes)
                .forEach((k, v) -> key.append("|probe:").append(k).append('=').append(v));
        return key.toString();
    }

    String cacheKey() {
        StringBuilder key =
                new StringBuilder(chart.directory() + "|" + chart.fingerprint() + "|" + releaseName + "|" + namespace);
        for (int i = 0; i < valuesFiles.size(); i++) {
            key.append('|')
                    .append(valuesFiles.get(i))
                    .append('#')
                    .append(ChartLoader.hash(valuesTexts.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        sets.forEach(s -> key.append("|set:").append(s));
        new TreeMap<>(probes)
                .forEach((k, v) -> key.append("|probe:").append(k).append('=').append(v));
        return key.toString();
    }
}
