package dev.workflowguard.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowReleasesTest {

    private static WorkflowReleases table() throws IOException {
        try (InputStream in = WorkflowReleasesTest.class.getResourceAsStream("three-releases.yaml")) {
            return WorkflowReleases.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static WorkflowVersion version(String text) {
        return WorkflowVersion.parse(text);
    }

    @Test
    void releasesAreInReleaseOrderWhateverTheFileOrder() throws IOException {
        assertEquals(
                List.of("2.11.0", "2.15.0", "2.23.0"),
                table().releases().stream()
                        .map(release -> release.version().display())
                        .toList());
    }

    @Test
    void aKeyAbsentFromAReleaseDoesNotExistThereAndANullDefaultStillExists() throws IOException {
        WorkflowReleases table = table();
        ReleaseFacts deis = table.lookup(version("2.11.0")).orElseThrow().facts();
        assertFalse(deis.has("global.use_rbac"));
        assertEquals(Optional.of("enabled"), deis.defaultOf("controller.registration_mode"));
        ReleaseFacts rbac = table.lookup(version("v2.15.0")).orElseThrow().facts();
        assertTrue(rbac.has("router.docker_tag"));
        assertEquals(Optional.empty(), rbac.defaultOf("router.docker_tag"));
        assertEquals(
                List.of("2.15.0", "2.23.0"),
                table.releasesWith("global.use_rbac").stream()
                        .map(release -> release.version().display())
                        .toList());
        assertTrue(table.covers("global.use_rbac"));
        assertFalse(table.covers("router.replicas"), "a key the table was not asked about is not covered");
    }

    @Test
    void aVersionBetweenReleasesTakesTheNearestLowerOneAndSaysSo() throws IOException {
        WorkflowReleases.ReleaseMatch match = table().lookup(version("2.11.4")).orElseThrow();
        assertEquals("2.11.0", match.facts().version().display());
        assertFalse(match.exact());
        assertEquals(
                Optional.of("Workflow 2.11.4 is not in workflow-guard's release table: the facts of Deis Workflow "
                        + "v2.11.0, the nearest release below it, are used"),
                match.note());
        assertEquals(
                Optional.empty(),
                table().lookup(version("2.11.0")).orElseThrow().note());
    }

    @Test
    void aVersionOfALineTheTableLacksOrNoVersionGetsNoFacts() throws IOException {
        WorkflowReleases table = table();
        assertEquals(Optional.empty(), table.lookup(version("2.12.0")), "2.11.0's facts are not 2.12's");
        assertEquals(Optional.empty(), table.lookup(version("2.9.0")));
        assertEquals(Optional.empty(), table.lookup(version("3.0.0")));
        assertEquals(Optional.empty(), table.lookup(WorkflowVersion.UNSET));
    }

    @Test
    void componentsRenderedObjectsAndImageDefaultsAreRead() throws IOException {
        ReleaseFacts hephy = table().lookup(version("2.23.0")).orElseThrow().facts();
        assertEquals("Hephy Workflow v2.23.0", hephy.title());
        ReleaseFacts.Component router =
                hephy.componentTaggedBy("router.docker_tag").orElseThrow();
        assertEquals("v2.19.0", router.tag());
        assertEquals("teamhephy/router", router.repository());
        assertEquals("2021-05-08", hephy.umbrella().date());
        ReleaseFacts deis = table().lookup(version("2.11.0")).orElseThrow().facts();
        assertEquals(
                "true",
                deis.renderedObject("Deployment/deis-monitor-grafana")
                        .orElseThrow()
                        .imageDefaults()
                        .get("ALLOW_SIGN_UP"));
    }

    @Test
    void versionsCompareInReleaseOrder() {
        assertTrue(version("2.9.0").compareTo(version("2.10.0")) < 0);
        assertEquals(version("v2.11"), version("2.11.0"));
        assertTrue(WorkflowVersion.UNSET.compareTo(version("2.0.0")) < 0);
    }

    @Test
    void theHistoryOfAKeyIsItsRunsOfReleasesWithOneDefault() throws IOException {
        assertEquals(
                List.of(
                        new WorkflowReleases.KeyRun(version("2.15.0"), version("2.15.0"), "false"),
                        new WorkflowReleases.KeyRun(version("2.23.0"), version("2.23.0"), "true")),
                table().runs("global.use_rbac"));
        assertEquals(List.of(), table().runs("router.replicas"));
    }

    /** The bundled table, read from the release tags, says what the issue found the charts say. */
    @Test
    void theBundledTableHoldsWhatTheReleaseTagsSay() {
        WorkflowReleases bundled = WorkflowReleases.bundled();
        assertEquals(
                List.of(
                        new WorkflowReleases.KeyRun(version("2.10.0"), version("2.11.0"), "true"),
                        new WorkflowReleases.KeyRun(version("2.12.0"), version("2.23.0"), "false")),
                bundled.runs("router.host_port.enabled"));
        assertEquals(
                List.of(
                        new WorkflowReleases.KeyRun(version("2.15.0"), version("2.21.6"), "false"),
                        new WorkflowReleases.KeyRun(version("2.22.0"), version("2.23.0"), "true")),
                bundled.runs("global.use_rbac"));
        assertEquals(
                version("2.14.0"),
                bundled.runs("monitor.grafana.allow_sign_up").get(0).from());
        ReleaseFacts deis = bundled.lookup(version("2.11.0")).orElseThrow().facts();
        assertEquals(Optional.of("enabled"), deis.defaultOf("controller.registration_mode"));
        assertEquals(
                "v2.9.0",
                deis.componentTaggedBy("router.docker_tag").orElseThrow().tag());
        assertEquals(
                "true",
                deis.renderedObject("Deployment/deis-monitor-grafana")
                        .orElseThrow()
                        .imageDefaults()
                        .get("ALLOW_SIGN_UP"));
        ReleaseFacts hephy = bundled.lookup(version("2.23.0")).orElseThrow().facts();
        assertEquals(
                "v2.13.7",
                hephy.componentTaggedBy("builder.docker_tag").orElseThrow().tag());
        assertEquals(
                "v2.22.0",
                hephy.componentTaggedBy("controller.docker_tag").orElseThrow().tag());
        assertEquals(
                "v2.4.5",
                hephy.componentTaggedBy("minio.docker_tag").orElseThrow().tag());
        assertEquals(
                "2.19.0",
                bundled.lookup(version("2.19.3"))
                        .orElseThrow()
                        .facts()
                        .version()
                        .display(),
                "2.19.1 - 2.19.4 left no record of their pins: 2.19.0 stands in");
    }

    @Test
    void everyReleaseOfTheBundledTableIsReadAndItsKeysAreCovered() {
        WorkflowReleases bundled = WorkflowReleases.bundled();
        for (ReleaseFacts release : bundled.releases()) {
            for (String key : release.values().keySet()) {
                assertTrue(bundled.covers(key), release.version() + ": " + key);
            }
        }
        assertEquals("2.23.0", bundled.newest().version().display());
    }
}
