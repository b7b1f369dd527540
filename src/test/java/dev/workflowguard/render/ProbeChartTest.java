package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe renders make the private keys a chart generates as ECDSA keys, in a copy of the chart (packed
 * subcharts unpacked so that theirs are too): what Helm renders is the same, and the chart as configured is
 * never touched. A chart that generates no such keys is probed as it is.
 */
class ProbeChartTest {

    @TempDir
    Path dir;

    private static final String HOOK_KEYS = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: host-keys
              annotations:
                "helm.sh/hook": pre-install
            data:
              rsa: "{{genPrivateKey "rsa" | b64enc}}"
              dsa: "{{ genPrivateKey  "dsa" | b64enc }}"
              ecdsa: "{{genPrivateKey "ecdsa" | b64enc}}"
            """;

    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Chart.Name }}-config
            data:
              name: {{ .Values.name | quote }}
            """;

    private Path chart(String name, boolean keys) throws Exception {
        Path chart = dir.resolve(name);
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v1\nname: " + name + "\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("values.yaml"), "name: a\n");
        Files.writeString(chart.resolve("templates/config.yaml"), CONFIG);
        if (keys) {
            Files.writeString(chart.resolve("templates/host-keys.yaml"), HOOK_KEYS);
        }
        return chart;
    }

    private static Chart load(Path chart) throws Exception {
        return new ChartLoader(YamlLimits.DEFAULTS).load(chart, "charts/" + chart.getFileName());
    }

    private static String render(Chart chart, Map<String, String> probes) throws Exception {
        return new HelmRenderer()
                .render(new RenderRequest(chart, "deis", "deis", List.of(), List.of(), List.of(), probes))
                .text();
    }

    private static void pack(Path parent, String folder, Path archive) throws Exception {
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), folder)
                .directory(parent.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar: " + output);
    }

    @Test
    void aChartThatGeneratesNoSlowKeysIsProbedAsItIs() throws Exception {
        Chart chart = load(chart("plain", false));
        assertSame(chart, ProbeChart.of(chart));
    }

    @Test
    void slowKeysAreGeneratedAsEcdsaInACopyThatRendersTheSame() throws Exception {
        Path umbrella = chart("umbrella", true);
        Path sub = chart("sub", false);
        Files.writeString(sub.resolve("templates/keys.yaml"), HOOK_KEYS.replace("host-keys", "sub-keys"));
        Files.createDirectories(umbrella.resolve("charts"));
        pack(dir, "sub", umbrella.resolve("charts/sub-1.0.0.tgz"));
        String template = Files.readString(umbrella.resolve("templates/host-keys.yaml"));
        Chart chart = load(umbrella);

        Chart probed = ProbeChart.of(chart);

        assertNotEquals(chart.directory(), probed.directory());
        assertNotEquals(chart.fingerprint(), probed.fingerprint(), "probe renders are cached apart");
        assertEquals(chart.displayRoot(), probed.displayRoot());
        assertEquals(template, Files.readString(umbrella.resolve("templates/host-keys.yaml")), "the chart as it is");
        assertTrue(Files.isRegularFile(umbrella.resolve("charts/sub-1.0.0.tgz")), "the packed subchart as it is");
        for (Path keys : List.of(
                probed.directory().resolve("templates/host-keys.yaml"),
                probed.directory().resolve("charts/sub-1.0.0/templates/keys.yaml"))) {
            String text = Files.readString(keys);
            assertEquals(3, text.split("genPrivateKey \"ecdsa\"", -1).length - 1, keys + ":\n" + text);
            assertFalse(text.contains("rsa\"") || text.contains("\"dsa"), keys + ":\n" + text);
        }
        assertFalse(Files.exists(probed.directory().resolve("charts/sub-1.0.0.tgz")), "unpacked in the copy");
        assertSame(probed, ProbeChart.of(chart), "copied once per chart");

        // Helm leaves hooks out of the rendered objects: the keys change nothing a probe compares.
        for (Map<String, String> probe : List.of(Map.<String, String>of(), Map.of("name", "probe-1x"))) {
            String original = render(chart, probe);
            assertEquals(original, render(probed, probe), "render with " + probe);
            assertTrue(original.contains("name: umbrella-config") && original.contains("name: sub-config"), original);
        }
    }
}
