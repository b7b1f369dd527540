package dev.workflowguard.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart defaults values mode merges over: the matched release's, from the release table. */
class ChartDefaultsTest {

    private static WorkflowReleases eras() throws IOException {
        try (InputStream in = ChartDefaultsTest.class.getResourceAsStream("/dev/workflowguard/release/eras.yaml")) {
            return WorkflowReleases.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Optional<ChartDefault> lookup(String version, String key) throws IOException {
        return ChartDefaults.forVersion(WorkflowVersion.parse(version), eras()).lookup(ValuesPath.parse(key));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({
        "2.10.0, router.host_port.enabled, true",
        "2.11.0, router.host_port.enabled, true",
        "2.11.7, router.host_port.enabled, true",
        "2.12.0, router.host_port.enabled, false",
        "2.11.0, controller.registration_mode, enabled",
        "2.12.0, controller.registration_mode, admin_only",
        "2.15.0, global.use_rbac, false",
        "2.21.3, global.use_rbac, false",
        "2.22.0, global.use_rbac, true",
    })
    void theMatchedReleasesDefault(String version, String key, String expected) throws IOException {
        ChartDefault found = lookup(version, key).orElseThrow();
        assertEquals(expected, found.value());
        assertEquals("chart default for Workflow " + version + " is \"" + expected + "\"", found.explanation());
    }

    @Test
    void aKeyTheReleaseLacksHasNoDefaultAndTheExplanationSaysSo() throws IOException {
        ChartDefault rbac = lookup("2.11.0", "global.use_rbac").orElseThrow();
        assertNull(rbac.value());
        assertFalse(rbac.isKnown());
        assertEquals("the chart of Workflow 2.11.0 has no such key", rbac.explanation());
        assertNull(lookup("2.9.0", "router.host_port.enabled").orElseThrow().value());
    }

    @Test
    void aKeyThatExistsWithoutADefaultHasNone() throws IOException {
        assertEquals(Optional.empty(), lookup("2.12.0", "router.deployment_annotations"));
    }

    @Test
    void withoutAKnownVersionOnlyADefaultEveryReleaseAgreesOnIsAssumed() throws IOException {
        assertEquals("minio", lookup("", "global.storage").orElseThrow().value());
        assertEquals(
                "chart default is \"minio\"",
                lookup("", "global.storage").orElseThrow().explanation());
        ChartDefault mode = lookup("", "controller.registration_mode").orElseThrow();
        assertNull(mode.value());
        assertEquals(
                "chart default enabled up to 2.11.x, admin_only from 2.12.0; the Workflow version is not configured",
                mode.explanation());
        assertEquals(
                "chart default false up to 2.21.x, true from 2.22.0; the Workflow version is not a known release "
                        + "(3.1.0)",
                lookup("3.1.0", "global.use_rbac").orElseThrow().explanation());
        assertEquals(Optional.empty(), lookup("", "router.replicas"), "no release has it");
    }

    @Test
    void keysTheTableDoesNotCoverKeepTheirFixedDefaults() throws IOException {
        assertEquals(
                "admin",
                lookup("2.11.0", "monitor.grafana.password").orElseThrow().value());
        assertEquals(
                "your-registry-bucket-name",
                lookup("", "s3.registry_bucket").orElseThrow().value());
        assertTrue(ChartDefaults.forVersion(WorkflowVersion.parse("2.11.0"), eras()).paths().stream()
                .map(ValuesPath::toString)
                .toList()
                .containsAll(List.of("global.use_rbac", "router.host_port.enabled", "s3.region")));
    }
}
