package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage that splits the findings into those the baseline accepts and new ones. */
class BaselineComparisonTest {

    @TempDir
    Path dir;

    private static Finding finding(String rule, String valuesPath) {
        SourceFile file =
                new SourceFile(Path.of("values.yaml"), "values.yaml", "a: 1\n", StandardCharsets.UTF_8, false);
        return new Finding(
                rule,
                Severity.ERROR,
                valuesPath,
                List.of(Place.inValues(new Location(file, TextPosition.START), valuesPath, valuesPath + " is wrong")),
                null);
    }

    private CheckInputs inputs(String baseline) throws InputException {
        return CheckInputs.of(CheckRequest.builder(dir)
                .values("values.yaml")
                .baseline(baseline)
                .build());
    }

    @Test
    void withoutABaselineEveryFindingIsNew() throws Exception {
        List<Finding> active = List.of(finding("minio-storage", "global.storage"));
        BaselineComparison compared = BaselineComparison.compare(inputs(null), active);
        assertSame(active, compared.fresh());
        assertEquals(List.of(), compared.accepted());
        assertEquals(List.of(), compared.fixed());
    }

    @Test
    void theBaselineAcceptsWhatItHoldsAndTellsWhatWasFixedSince() throws Exception {
        Finding kept = finding("minio-storage", "global.storage");
        Finding fixed = finding("open-registration", "controller.registration_mode");
        Finding fresh = finding("rbac-disabled", "global.use_rbac");
        Baseline.write(dir.resolve("baseline.json"), List.of(kept, fixed), "test");

        BaselineComparison compared = BaselineComparison.compare(inputs("baseline.json"), List.of(fresh, kept));

        assertEquals(List.of(fresh), compared.fresh());
        assertEquals(List.of(kept), compared.accepted());
        assertEquals(
                List.of("open-registration"),
                compared.fixed().stream().map(Baseline.Entry::rule).toList());
    }

    @Test
    void aMissingBaselineSaysHowToWriteIt() {
        InputException e = assertThrows(
                InputException.class, () -> BaselineComparison.compare(inputs("baseline.json"), List.of()));
        assertEquals(
                "baseline.json does not exist; write it with `mvn workflow:baseline` [parameter baseline / "
                        + "workflow.baseline]",
                e.getMessage());
    }

    @Test
    void aBaselineThatCannotBeReadIsNamed() throws Exception {
        Files.writeString(dir.resolve("baseline.json"), "{ not json");
        InputException e = assertThrows(
                InputException.class, () -> BaselineComparison.compare(inputs("baseline.json"), List.of()));
        assertEquals("baseline / workflow.baseline", e.parameter());
        assertTrue(e.getMessage().startsWith("baseline.json "), e.getMessage());
    }
}
