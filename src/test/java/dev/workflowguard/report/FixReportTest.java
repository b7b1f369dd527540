package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the fix goal tells what it did: the last line, the hint about manifests, what remains, masked patches. */
class FixReportTest {

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
                FixReport.outcome(nothingPlanned(List.of(values))));
    }

    @Test
    void withoutValuesFilesItSaysThereIsNoFileToWriteTo() {
        // A chart (or manifests, or --set) alone: "already in place" would be untrue while findings remain.
        assertEquals(
                "workflow-guard fix: nothing to fix: no values file is configured (valuesFiles / workflow.values) "
                        + "to write a correction to.",
                FixReport.outcome(nothingPlanned(List.of())));
    }

    private static final SourceFile VALUES =
            new SourceFile(Path.of("values.yaml"), "values.yaml", "a: 1\n", StandardCharsets.UTF_8, false);

    private static CheckResult checked(List<Finding> findings, int fixableInManifests, SecretMask secrets) {
        return new CheckResult(
                findings,
                1,
                WorkflowVersion.UNSET,
                List.of(),
                List.of(VALUES),
                List.of(),
                List.of(),
                List.of(),
                List.of("values.yaml"),
                secrets,
                null,
                0,
                null,
                fixableInManifests);
    }

    private static Finding finding(String rule, Severity severity, ProposedFix fix) {
        return new Finding(
                rule,
                severity,
                rule,
                List.of(Place.inValues(new Location(VALUES, new TextPosition(1, 1, 0)), "a", rule + " says why")),
                fix);
    }

    private static SecretMask secretsOf(String valuesText) throws YamlException {
        SourceFile file = new SourceFile(Path.of("v.yaml"), "v.yaml", valuesText, StandardCharsets.UTF_8, false);
        YamlDocument document = new YamlLoader(YamlLimits.DEFAULTS).loadFirst(file);
        return SecretMask.builder()
                .values(new ValuesSource(file, (YamlMap) document.root(), List.of()))
                .build();
    }

    @Test
    void theHintCountsWhatEditsOfTheManifestsWouldCorrect() {
        RecordingConsole console = new RecordingConsole();
        FixReport report = new FixReport(console, nothingPlanned(List.of(VALUES)));
        report.manifestHint(checked(List.of(), 0, SecretMask.NONE));
        assertEquals(List.of(), console.lines);
        report.manifestHint(checked(List.of(), 1, SecretMask.NONE));
        report.manifestHint(checked(List.of(), 3, SecretMask.NONE));
        assertEquals(
                List.of(
                        "INFO workflow-guard fix: 1 finding can also be corrected in the committed manifests with "
                                + "-Dworkflow.fix.manifests=true",
                        "INFO workflow-guard fix: 3 findings can also be corrected in the committed manifests with "
                                + "-Dworkflow.fix.manifests=true"),
                console.lines);
    }

    @Test
    void nothingRemainingMeansTheCheckPasses() {
        RecordingConsole console = new RecordingConsole();
        new FixReport(console, nothingPlanned(List.of(VALUES)))
                .remaining(checked(List.of(), 0, SecretMask.NONE), false);
        assertEquals(List.of("INFO workflow-guard: nothing remains; `mvn workflow:check` passes."), console.lines);
    }

    @Test
    void whatRemainsIsListedAndAFixableSurvivorIsReportedAfterARealRun() {
        ProposedFix fix = new ProposedFix(List.of("a"), "2", false, VALUES);
        CheckResult after = checked(
                List.of(finding("minio-storage", Severity.ERROR, null), finding("tls-missing", Severity.WARNING, fix)),
                0,
                SecretMask.NONE);
        RecordingConsole console = new RecordingConsole();
        new FixReport(console, nothingPlanned(List.of(VALUES))).remaining(after, false);
        assertEquals(
                List.of(
                        "WARN values.yaml:1:1: still reported after the fix [tls-missing]; the edit did not take effect "
                                + "(please report this to workflow-guard)",
                        "INFO workflow-guard: 2 findings remain; each needs a person:",
                        "ERROR values.yaml:1:1: error: minio-storage says why [minio-storage]",
                        "WARN values.yaml:1:1: warning: tls-missing says why [tls-missing]"),
                console.lines);

        RecordingConsole dryRun = new RecordingConsole();
        new FixReport(dryRun, nothingPlanned(List.of(VALUES)))
                .remaining(checked(List.of(finding("minio-storage", Severity.ERROR, null)), 0, SecretMask.NONE), true);
        assertEquals(
                List.of(
                        "INFO workflow-guard: 1 finding remains after this patch; each needs a person:",
                        "ERROR values.yaml:1:1: error: minio-storage says why [minio-storage]"),
                dryRun.lines);
    }

    @Test
    void credentialsAreMaskedInThePatchShownAndInRefusals() throws Exception {
        SecretMask secrets = secretsOf("password: hunter2-secret\n");
        Finding registration = finding("open-registration", Severity.ERROR, null);
        FixPlan plan = new FixPlan(
                checked(List.of(registration), 0, secrets),
                List.of(),
                List.of(new FixPlan.Refused(registration, "values.yaml holds hunter2-secret")));
        RecordingConsole console = new RecordingConsole();
        FixReport report = new FixReport(console, plan);
        report.planned();
        report.dryRun("-password: old\n+password: hunter2-secret\n", "target/workflow/fix.patch");
        assertEquals(
                List.of(
                        "WARN values.yaml:1:1: not fixed [open-registration]: values.yaml holds " + SecretMask.MASK,
                        "INFO workflow-guard fix (dry run): this patch would be applied:",
                        "INFO -password: " + SecretMask.MASK,
                        "INFO +password: " + SecretMask.MASK,
                        "INFO workflow-guard fix (dry run): nothing would be written: the correction for 1 finding "
                                + "would be refused, for the reason given above; nothing was written. Patch: "
                                + "target/workflow/fix.patch (empty)."),
                console.lines);
        assertEquals(
                "workflow-guard fix: " + SecretMask.MASK + " changed", report.writeRefused("hunter2-secret changed"));
    }
}
