package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputFingerprint;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the check goal tells, from the one check and the one fix plan it is given: the console lines in
 * order, the reports, GitHub annotations, and the failure.
 */
class CheckReporterTest {

    @TempDir
    Path dir;

    private final RecordingConsole console = new RecordingConsole();
    private final List<String> standardOutput = new ArrayList<>();
    private CheckRequest request;
    private FixPlan plan;

    @BeforeEach
    void checkAndPlan() throws Exception {
        new TestRepo(dir)
                .file(".git/HEAD", "ref: refs/heads/main\n")
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/prod.yaml", """
                        controller:
                          registration_mode: enabled
                        monitor:
                          grafana:
                            # workflow:ignore grafana-signup reason="a demo cluster" until=2099-12-31
                            allow_sign_up: "true"
                        """);
        request = CheckRequest.builder(dir)
                .values("values/base.yaml", "values/prod.yaml")
                .build();
        CheckResult result = new Checker().check(request);
        plan = new Fixer().plan(request, result, null);
    }

    private CheckReporter reporter(Severity failOn, Set<ReportFormat> formats, boolean annotations, boolean digests) {
        return new CheckReporter(
                new CheckReporter.Settings(
                        dir.resolve("target/workflow"), "1.2.3", failOn, formats, annotations, digests),
                console,
                standardOutput::add);
    }

    @Test
    void notesFindingsSuppressionsThenTheSummaryAndTheFailure() throws Exception {
        CheckReporter.Reported reported =
                reporter(Severity.ERROR, Set.of(), false, false).report(request, plan);

        CheckResult result = plan.checkResult();
        List<String> expected = new ArrayList<>();
        result.notes().forEach(note -> expected.add("INFO workflow-guard: " + note));
        ConsoleReport.lines(result)
                .forEach(line -> expected.add(switch (line.severity()) {
                            case ERROR -> "ERROR ";
                            case WARNING -> "WARN ";
                            case INFO -> "INFO ";
                        }
                        + line.text()));
        expected.add("INFO values/prod.yaml:6:20: suppressed [grafana-signup] (a demo cluster, until 2099-12-31)");
        expected.add("ERROR " + ConsoleReport.summary(result));
        assertEquals(expected, console.lines);
        assertTrue(expected.get(0).startsWith("INFO workflow-guard: Workflow version not configured"), expected.get(0));
        assertTrue(
                ConsoleReport.summary(result)
                        .endsWith(" can be corrected in the values files with `mvn workflow:fix`."),
                ConsoleReport.summary(result));

        assertTrue(
                reported.failure()
                        .matches("workflow-guard: \\d+ findings at or above error: minio-storage \\(1\\), "
                                + ".*open-registration \\(1\\).*\\. See the lines above and "
                                + "target/workflow/report.json\\."),
                reported.failure());
        assertTrue(Files.isRegularFile(dir.resolve("target/workflow/report.json")));
        assertEquals(Map.of(), reported.digests(), "no digests unless asked for");
        assertEquals(List.of(), standardOutput, "no annotations outside GitHub Actions");
    }

    @Test
    void belowTheThresholdTheSummaryIsInformationAndNothingFails() throws Exception {
        CheckReporter.Reported reported = reporter(null, Set.of(), false, false).report(request, plan);
        assertNull(reported.failure());
        assertEquals("INFO " + ConsoleReport.summary(plan.checkResult()), console.lines.get(console.lines.size() - 1));
    }

    @Test
    void everyFormatIsWrittenAndDigestedInTheOrderConfigured() throws Exception {
        CheckReporter.Reported reported = reporter(
                        Severity.ERROR,
                        new LinkedHashSet<>(
                                List.of(ReportFormat.HTML, ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT)),
                        false,
                        true)
                .report(request, plan);
        Path folder = dir.resolve("target/workflow");
        assertEquals(
                List.of("report.json", "report.html", "report.sarif", "TEST-workflow-guard.xml"),
                List.copyOf(reported.digests().keySet()));
        for (Map.Entry<String, String> digest : reported.digests().entrySet()) {
            assertEquals(InputFingerprint.sha256(folder.resolve(digest.getKey())), digest.getValue(), digest.getKey());
        }
    }

    @Test
    void theHtmlReportShowsThePlanItIsGivenAndPlansNothingItself() throws Exception {
        assertFalse(plan.isEmpty(), "the fixture needs corrections");
        reporter(Severity.ERROR, Set.of(ReportFormat.HTML), false, false).report(request, plan);
        String html = Files.readString(dir.resolve("target/workflow/report.html"));
        assertTrue(html.contains("<span class=\"add\">+  registration_mode: admin_only"), "the plan's patch");

        FixPlan nothing = new FixPlan(plan.before(), List.of(), List.of());
        reporter(Severity.ERROR, Set.of(ReportFormat.HTML), false, false).report(request, nothing);
        html = Files.readString(dir.resolve("target/workflow/report.html"));
        // (The rule's help, in the page too, names the value: the diff is what must be gone.)
        assertFalse(html.contains("<pre class=\"diff\">"), "no patch when the plan it is given has none");
        assertFalse(html.contains("+  registration_mode: admin_only"), "no patch when the plan it is given has none");
    }

    @Test
    void inAGitHubJobEachPlaceIsAnAnnotationOnStandardOutput() throws Exception {
        reporter(Severity.ERROR, Set.of(), true, false).report(request, plan);
        assertEquals(GitHubAnnotations.lines(plan.checkResult(), new ReportPaths(dir)), standardOutput);
        assertTrue(standardOutput.get(0).startsWith("::error file=values/base.yaml,line="), standardOutput.get(0));
    }

    @Test
    void withABaselineItSaysWhatItAcceptsAndWhatWasFixedSince() throws Exception {
        Baseline.write(dir.resolve("baseline.json"), plan.before().findings(), "1.2.3");
        Files.writeString(
                dir.resolve("values/prod.yaml"),
                Files.readString(dir.resolve("values/prod.yaml")).replace("enabled", "admin_only"));
        CheckRequest baselined = CheckRequest.builder(dir)
                .values("values/base.yaml", "values/prod.yaml")
                .baseline("baseline.json")
                .build();
        FixPlan fixes = new Fixer().plan(baselined, new Checker().check(baselined), null);

        CheckReporter.Reported reported =
                reporter(Severity.ERROR, Set.of(), false, false).report(baselined, fixes);

        int accepted = fixes.checkResult().baselined().size();
        assertTrue(
                console.at("INFO")
                        .contains("workflow-guard: " + accepted + " findings accepted by the baseline baseline.json; 1 "
                                + "baseline entry is fixed: run `mvn workflow:baseline` to shrink it"),
                console.lines.toString());
        assertTrue(
                console.at("INFO")
                        .contains("workflow-guard: fixed since the baseline: open-registration in values/prod.yaml "
                                + "(controller.registration_mode)"),
                console.lines.toString());
        assertNull(reported.failure(), "every remaining finding is accepted");
    }

    @Test
    void aReportThatCannotBeWrittenNamesTheFolder() throws Exception {
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/workflow"), "a file where the folder should be");
        Exception e = assertThrows(
                IOException.class,
                () -> reporter(Severity.ERROR, Set.of(), false, false).report(request, plan));
        assertTrue(e.getMessage().startsWith("cannot write the reports in target/workflow: "), e.getMessage());
    }
}
