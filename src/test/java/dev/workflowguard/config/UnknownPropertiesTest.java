package dev.workflowguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownPropertiesTest {

    private static final List<String> KNOWN =
            List.of("workflow.version", "workflow.values", "workflow.set", "workflow.fix.storage");

    @Test
    void aMisspelledPropertyIsNamedWithWhatWasMeant() {
        assertEquals(
                List.of("-Dworkflow.verison is not a property of workflow-guard: Maven passes it on, and no goal reads "
                        + "it; did you mean -Dworkflow.version?"),
                UnknownProperties.warnings(List.of("workflow.verison", "workflow.values"), KNOWN));
    }

    @Test
    void aPropertyCloseToNothingIsNamedWithoutASuggestion() {
        assertEquals(
                List.of("-Dworkflow.colour is not a property of workflow-guard: Maven passes it on, and no goal "
                        + "reads it"),
                UnknownProperties.warnings(List.of("workflow.colour"), KNOWN));
    }

    @Test
    void knownPropertiesAndOtherToolsPropertiesAreNotReported() {
        assertEquals(
                List.of(),
                UnknownProperties.warnings(
                        List.of("workflow.fix.storage", "maven.repo.local", "skipTests", "workflowish", "workflow"),
                        KNOWN));
    }
}
