package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.render.ChartValuesDefaults;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.ValuesPath;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage that settles the Workflow version and the defaults the values are merged over. */
class WorkflowReleaseTest {

    @TempDir
    Path dir;

    private WorkflowRelease release(UnaryOperator<CheckRequest.Builder> configure) throws InputException {
        return WorkflowRelease.resolve(CheckInputs.of(
                configure.apply(CheckRequest.builder(dir).values("values.yaml")).build()));
    }

    @Test
    void aKnownVersionGivesItsDefaultsWithoutANote() throws Exception {
        WorkflowRelease release = release(b -> b.workflowVersion("2.11.0"));
        assertEquals("2.11.0", release.version().display());
        assertTrue(
                release.defaults() instanceof ChartDefaults,
                release.defaults().getClass().getName());
        assertEquals("2.11.0", release.defaults().version().display());
        assertEquals(List.of(), release.notes());
        assertNull(release.chart());
        assertEquals(0, release.chartFiles());
    }

    @Test
    void noVersionSaysDefaultsThatChangedAreNotAssumed() throws Exception {
        assertEquals(
                List.of("Workflow version not configured (<workflowVersion> / -Dworkflow.version): defaults that "
                        + "changed between releases are not assumed"),
                release(b -> b).notes());
    }

    @Test
    void anUnknownReleaseSaysSo() throws Exception {
        assertEquals(
                List.of("Workflow 2.99.0 is not a known release (2.8 – 2.23): defaults that changed between releases "
                        + "are not assumed"),
                release(b -> b.workflowVersion("2.99.0")).notes());
        assertFalse(WorkflowVersion.parse("2.24.0").isKnown(), "the newest line known is the table's");
        assertFalse(WorkflowVersion.parse("3.0.0").isKnown());
    }

    /** Workflow 2.0 – 2.7 shipped Helm Classic charts, which had no Helm values: they count as unknown. */
    @Test
    void aHelmClassicReleaseSaysItsChartIsNotCheckedAndAssumesNothing() throws Exception {
        for (String version : List.of("2.7.0", "2.0.0", "2.4.3")) {
            WorkflowRelease release = release(b -> b.workflowVersion(version));
            assertEquals(
                    List.of("Workflow " + version
                            + " was a Helm Classic chart (deis/charts): workflow-guard checks the "
                            + "Helm chart of Workflow 2.8.0 and later, so defaults that changed between releases are "
                            + "not assumed"),
                    release.notes(),
                    version);
            assertFalse(release.version().isKnown(), version);
            assertEquals(
                    "chart default enabled up to 2.11.x, admin_only from 2.12.0; the Workflow version is a Helm "
                            + "Classic release (" + version + ")",
                    release.defaults()
                            .lookup(ValuesPath.parse("controller.registration_mode"))
                            .orElseThrow()
                            .explanation(),
                    version);
        }
        assertTrue(WorkflowVersion.parse("2.8.0").isKnown(), "the first Helm chart");
    }

    @Test
    void aVersionBetweenReleasesSaysWhoseFactsAreUsed() throws Exception {
        WorkflowRelease release = release(b -> b.workflowVersion("2.11.99"));
        assertEquals(
                List.of(
                        "Workflow 2.11.99 is not in workflow-guard's release table: the facts of Deis Workflow v2.11.0, "
                                + "the nearest release below it, are used"),
                release.notes());
        assertTrue(release.version().isKnown());
        assertEquals(
                "chart default for Workflow 2.11.99 is \"enabled\"",
                release.defaults()
                        .lookup(ValuesPath.parse("controller.registration_mode"))
                        .orElseThrow()
                        .explanation());
    }

    @Test
    void aVersionThatIsNoVersionIsRefusedNamingTheParameter() {
        InputException e = assertThrows(InputException.class, () -> release(b -> b.workflowVersion("latest")));
        assertTrue(e.getMessage().contains("'latest' is not a Workflow version"), e.getMessage());
        assertEquals("workflowVersion / workflow.version", e.parameter());
    }

    @Test
    void theChartsVersionIsUsedAndAnotherConfiguredOneIsNoted() throws Exception {
        copyTestChart();
        WorkflowRelease release = release(b -> b.chart("charts/workflow").workflowVersion("2.11.0"));
        assertEquals("2.19.4", release.version().display());
        assertEquals(
                "the chart is Workflow 2.19.4; its Chart.yaml version is used instead of the configured 2.11.0",
                release.notes().get(0));
        assertTrue(release.chartFiles() > 1, "every file of the chart counts: " + release.chartFiles());
        assertTrue(release.defaults() instanceof ChartValuesDefaults, "the chart's own values.yaml files");
        assertEquals("2.19.4", release.defaults().version().display());
    }

    @Test
    void aMissingChartIsRefusedNamingTheParameter() {
        InputException e = assertThrows(InputException.class, () -> release(b -> b.chart("charts/none")));
        assertEquals("chart / workflow.chart", e.parameter());
    }

    private void copyTestChart() throws Exception {
        new TestRepo(dir).chart("workflow");
    }
}
