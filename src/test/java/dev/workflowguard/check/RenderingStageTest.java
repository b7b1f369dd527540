package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage that renders the chart: the rules then read the render with the committed objects it
 * lacks; without a chart the committed objects are read as they are and nothing is relocated.
 */
class RenderingStageTest {

    private static final String HPA = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: deis-router
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deis-router}
              minReplicas: 2
            """;

    @TempDir
    Path dir;

    private Rendering render(UnaryOperator<CheckRequest.Builder> configure) throws InputException {
        CheckRequest request = configure.apply(CheckRequest.builder(dir)).build();
        CheckInputs inputs = CheckInputs.of(request);
        RuleSettings rules = RuleSettings.of(request);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        UserValues values = UserValues.read(inputs, release);
        CommittedManifests committed = CommittedManifests.read(inputs, rules, release, values, (done, total) -> {});
        return Rendering.render(inputs, release, values, committed, KnownSecrets.in(values, committed));
    }

    @Test
    void withoutAChartTheCommittedObjectsAreReadAsTheyAre() throws Exception {
        new TestRepo(dir).file("rendered/hpa.yaml", HPA);
        Rendering rendering = render(b -> b.manifests("rendered"));
        assertNull(rendering.chart());
        assertNull(rendering.rendered());
        assertNull(rendering.provenance());
        assertTrue(rendering.manifests().contains("HorizontalPodAutoscaler", "deis-router"));
        assertEquals(List.of(), rendering.notes());
        List<Finding> findings = List.of(new Finding(
                "single-router",
                Severity.ERROR,
                "cause",
                List.of(Place.inManifest(
                        rendering.manifests().objects().get(0).location(), "HorizontalPodAutoscaler/deis-router", "m")),
                null));
        assertSame(findings, rendering.relocate(findings), "nothing to relocate without a render");
    }

    @Test
    void theRenderIsCompletedByTheCommittedObjectsItLacks() throws Exception {
        copyTestChart();
        new TestRepo(dir).file("rendered/hpa.yaml", HPA);
        Rendering rendering = render(b -> b.chart("charts/workflow").manifests("rendered"));
        assertNotNull(rendering.provenance());
        assertTrue(rendering.rendered().contains("Deployment", "deis-router"));
        assertTrue(rendering.manifests().contains("Deployment", "deis-router"));
        assertTrue(rendering.manifests().contains("HorizontalPodAutoscaler", "deis-router"));
        assertEquals(
                rendering.rendered().objects().size() + 1,
                rendering.manifests().objects().size(),
                "the render's objects and the autoscaler it does not render");
        assertEquals(1, rendering.notes().size());
        assertTrue(
                rendering
                        .notes()
                        .get(0)
                        .startsWith("rendered charts/workflow (Workflow 2.19.4) with Helm: "
                                + rendering.rendered().objects().size() + " objects checked"),
                rendering.notes().toString());
    }

    @Test
    void aRenderErrorIsMaskedWithTheSecretsTheInputsHold() throws Exception {
        copyTestChart();
        new TestRepo(dir)
                .file("values.yaml", "database:\n  password: \"planted-password-9\"\n")
                .file(
                        "charts/workflow/templates/broken.yaml",
                        "{{ fail (printf \"refused %s\" .Values.database.password) }}\n");
        InputException e = assertThrows(
                InputException.class,
                () -> render(b -> b.chart("charts/workflow").values("values.yaml")));
        assertFalse(e.getMessage().contains("planted-password-9"), e.getMessage());
        assertTrue(e.getMessage().contains("refused " + SecretMask.MASK), e.getMessage());
        assertEquals("chart / workflow.chart", e.parameter());
    }

    private void copyTestChart() throws Exception {
        new TestRepo(dir).chart("workflow");
    }
}
