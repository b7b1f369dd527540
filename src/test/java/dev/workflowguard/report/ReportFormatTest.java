package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report formats users name: in the order named, once each, blanks ignored, anything else refused. */
class ReportFormatTest {

    @Test
    void formatsInTheOrderFirstNamedIgnoringCaseAndBlanks() {
        assertEquals(
                List.of(ReportFormat.HTML, ReportFormat.SARIF, ReportFormat.JUNIT),
                List.copyOf(ReportFormat.parse(Arrays.asList(" HTML", "sarif", "", null, "junit", "html"))));
        assertEquals(List.of(), List.copyOf(ReportFormat.parse(null)));
    }

    @Test
    void eachFormatHasItsFile() {
        assertEquals(
                List.of("report.json", "report.sarif", "TEST-workflow-guard.xml", "report.html"),
                Arrays.stream(ReportFormat.values()).map(ReportFormat::file).toList());
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheParameterAndTheFormats() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(List.of("sarif", "pdf")));
        assertEquals(
                "reportFormats / workflow.formats: 'pdf' is not a report format; use json, sarif, junit, html",
                e.getMessage());
    }
}
