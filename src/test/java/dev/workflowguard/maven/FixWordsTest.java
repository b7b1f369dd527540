package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.values.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last line of a fix that changed nothing: why there was nothing to write. */
class FixWordsTest {

    private static FixPlan nothingPlanned(List<SourceFile> valuesFiles) {
        return new FixPlan(
                new CheckResult(List.of(), 0, WorkflowVersion.UNSET, List.of(), valuesFiles), List.of(), List.of());
    }

    @Test
    void withValuesFilesEverythingIsInPlace() {
        SourceFile values =
                new SourceFile(Path.of("values.yaml"), "values.yaml", "a: 1\n", StandardCharsets.UTF_8, false);
        assertEquals(
                "workflow-guard fix: nothing to fix; every correction workflow-guard can make is already in place.",
                FixWords.outcome(nothingPlanned(List.of(values))));
    }

    @Test
    void withoutValuesFilesItSaysThereIsNoFileToWriteTo() {
        // A chart (or manifests, or --set) alone: "already in place" would be untrue while findings remain.
        assertEquals(
                "workflow-guard fix: nothing to fix: no values file is configured (valuesFiles / workflow.values) "
                        + "to write a correction to.",
                FixWords.outcome(nothingPlanned(List.of())));
    }
}
