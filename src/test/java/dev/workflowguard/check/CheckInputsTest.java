package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first stage: a request that names nothing to check is refused, saying how to configure one. */
class CheckInputsTest {

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredIsRefusedNamingEveryParameter() {
        InputException e = assertThrows(
                InputException.class,
                () -> CheckInputs.of(CheckRequest.builder(dir).build()));
        assertEquals(
                "nothing to check: configure the Helm values files with <valuesFiles> (or "
                        + "-Dworkflow.values=values.yaml,prod.yaml), rendered manifests with <manifests> (or "
                        + "-Dworkflow.manifests=rendered/), and/or the chart to render with <chart> (or "
                        + "-Dworkflow.chart=charts/workflow) [parameter valuesFiles / workflow.values, manifests / "
                        + "workflow.manifests, chart / workflow.chart]",
                e.getMessage());
    }

    @Test
    void setValuesAloneAreSomethingToCheck() throws Exception {
        CheckRequest request = CheckRequest.builder(dir)
                .set("controller.registration_mode=enabled")
                .build();
        CheckInputs inputs = CheckInputs.of(request);
        assertSame(request, inputs.request());
        assertEquals("values.yaml", inputs.files().displayName(dir.resolve("values.yaml")));
    }
}
