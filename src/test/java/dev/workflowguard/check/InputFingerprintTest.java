package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workflowguard.yaml.YamlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint changes with anything a check's outcome depends on, and only then. */
class InputFingerprintTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @TempDir
    Path dir;

    @BeforeEach
    void repo() throws Exception {
        Files.createDirectories(dir.resolve("values"));
        Files.createDirectories(dir.resolve("rendered/a"));
        Files.writeString(dir.resolve("values/base.yaml"), "global:\n  storage: minio\n");
        Files.writeString(dir.resolve("values/prod.yaml"), "controller:\n  registration_mode: admin_only\n");
        Files.writeString(dir.resolve("rendered/a/one.yaml"), "kind: ConfigMap\n");
        Files.writeString(dir.resolve("baseline.json"), "{}");
    }

    private String fingerprint(Consumer<CheckRequest.Builder> configure, String... context) {
        CheckRequest.Builder builder = CheckRequest.builder(dir)
                .values("values/base.yaml", "values/prod.yaml")
                .manifests("rendered")
                .workflowVersion("2.19.0")
                .baseline("baseline.json")
                .today(TODAY);
        configure.accept(builder);
        return InputFingerprint.of(builder.build(), List.of(context));
    }

    private String fingerprint() {
        return fingerprint(b -> {});
    }

    @Test
    void theSameInputsGiveTheSameFingerprint() {
        String first = fingerprint();
        assertNotNull(first);
        assertEquals(first, fingerprint());
        // Maps and sets by content, not by iteration order.
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("single-router", "warning");
        oneOrder.put("tls-missing", "info");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("tls-missing", "info");
        otherOrder.put("single-router", "warning");
        assertEquals(
                fingerprint(b -> b.severities(oneOrder).disabledRules(List.of("rbac-disabled", "stale-render"))),
                fingerprint(b -> b.severities(otherOrder).disabledRules(List.of("stale-render", "rbac-disabled"))));
    }

    @Test
    void anyFileTheCheckReadsChangesIt() throws Exception {
        String before = fingerprint();
        Files.writeString(dir.resolve("values/prod.yaml"), "controller:\n  registration_mode: enabled\n");
        String valuesEdited = fingerprint();
        assertNotEquals(before, valuesEdited);
        Files.writeString(dir.resolve("rendered/a/two.yml"), "kind: Secret\n");
        String manifestAdded = fingerprint();
        assertNotEquals(valuesEdited, manifestAdded);
        Files.writeString(dir.resolve("rendered/a/one.yaml"), "kind: ConfigMap # now a comment\n");
        String manifestEdited = fingerprint();
        assertNotEquals(manifestAdded, manifestEdited);
        Files.writeString(dir.resolve("baseline.json"), "{\"findings\": []}");
        String baselineEdited = fingerprint();
        assertNotEquals(manifestEdited, baselineEdited);
        Files.delete(dir.resolve("baseline.json"));
        assertNotEquals(baselineEdited, fingerprint());
        // A file that is not YAML is not read, so it does not count.
        String now = fingerprint();
        Files.writeString(dir.resolve("rendered/a/README.md"), "notes");
        assertEquals(now, fingerprint());
    }

    @Test
    void everySettingAndTheDateChangeIt() {
        String base = fingerprint();
        List<Consumer<CheckRequest.Builder>> changes = List.of(
                b -> b.workflowVersion("2.18.0"),
                b -> b.values("values/prod.yaml", "values/base.yaml"),
                b -> b.disabledRules(List.of("rbac-disabled")),
                b -> b.severities(Map.of("single-router", "warning")),
                b -> b.externalCertificate("cert-manager"),
                b -> b.limits(YamlLimits.DEFAULTS.withMaxAliases(5)),
                b -> b.release("other", "deis"),
                b -> b.set("router.replicas=3"),
                b -> b.today(TODAY.plusDays(1)));
        for (Consumer<CheckRequest.Builder> change : changes) {
            assertNotEquals(base, fingerprint(change));
        }
        assertNotEquals(base, fingerprint(b -> {}, "plugin build 2"));
    }

    @Test
    void aChartCountsByEveryByteOfEveryFileItHolds() throws Exception {
        Path grafana = dir.resolve("charts/workflow/charts/monitor/charts/grafana");
        Files.createDirectories(grafana.resolve("templates"));
        Files.writeString(dir.resolve("charts/workflow/Chart.yaml"), "name: workflow\nversion: v2.19.4\n");
        Files.writeString(grafana.resolve("templates/deployment.yaml"), "kind: Deployment\n");
        Consumer<CheckRequest.Builder> chart = b -> b.chart("charts/workflow");
        String before = fingerprint(chart);
        assertNotNull(before);
        assertEquals(before, fingerprint(chart));
        assertNotEquals(fingerprint(), before, "the chart is an input");
        Files.setLastModifiedTime(
                grafana.resolve("templates/deployment.yaml"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(before, fingerprint(chart), "the same bytes at another time");
        Files.writeString(grafana.resolve("templates/deployment.yaml"), "kind: Deployment # edited\n");
        String edited = fingerprint(chart);
        assertNotEquals(before, edited, "a template deep in a subchart");
        Files.writeString(grafana.resolve("values.yaml"), "allow_sign_up: false\n");
        assertNotEquals(edited, fingerprint(chart), "a file added to a subchart");
        Files.move(grafana.resolve("values.yaml"), grafana.resolve("templates/values.yaml"));
        assertNotEquals(edited, fingerprint(chart), "a file moved inside the chart");

        Files.write(dir.resolve("workflow.tgz"), new byte[] {1, 2, 3});
        String packed = fingerprint(b -> b.chart("workflow.tgz"));
        assertNotNull(packed);
        Files.write(dir.resolve("workflow.tgz"), new byte[] {1, 2, 4});
        assertNotEquals(packed, fingerprint(b -> b.chart("workflow.tgz")), "another archive");
    }

    @Test
    void inputsItCannotVouchForGiveNone() throws Exception {
        assertNull(fingerprint(b -> b.chart("charts/missing")), "the check reports the missing chart");
        assertNull(fingerprint(b -> b.values("values/missing.yaml")), "the check reports the missing file");
        Files.writeString(dir.resolve("values/base.yaml"), "x".repeat(2048));
        assertNull(
                fingerprint(b -> b.limits(YamlLimits.DEFAULTS.withMaxFileBytes(1024))),
                "a file over the size limit is left to the check to refuse, unread");
    }
}
