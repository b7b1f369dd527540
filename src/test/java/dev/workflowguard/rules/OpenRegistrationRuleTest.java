package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `open-registration`: anyone who reaches the controller can register. */
class OpenRegistrationRuleTest {

    private static final String RULE = "open-registration";

    @TempDir
    Path dir;

    private static String controller(String mode) {
        return """
                ---
                # Source: workflow/charts/controller/templates/controller-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-controller
                spec:
                  template:
                    spec:
                      containers:
                        - name: deis-controller
                          image: quay.io/deis/controller:v2.19.0
                          env:
                            - name: REGISTRATION_MODE
                              value: "%s"
                """.formatted(mode);
    }

    @Test
    void enabledInValuesIsAFixableErrorAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  registration_mode: enabled
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:22");
        Findings.says(
                finding,
                "controller.registration_mode is \"enabled\"",
                "anyone who can reach the controller URL",
                "use admin_only");
        assertEquals(Severity.ERROR, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("controller", "registration_mode"), fix.path());
        assertEquals("admin_only", fix.value());
        assertFalse(fix.quoted());
        assertEquals("values.yaml", fix.target().displayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin_only", "\"admin_only\"", "disabled"})
    void closedModesHaveNoFindingEvenOnOldReleases(String mode) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "controller:\n  registration_mode: " + mode + "\n");
        Findings.none(repo.values("2.11.0", "values.yaml"), RULE);
        Findings.none(repo.values(null, "values.yaml"), RULE);
    }

    @Test
    void unsetOnWorkflow211IsTheOpenChartDefault() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                controller:
                  app_pull_policy: IfNotPresent
                """);
        Finding finding = Findings.single(repo.values("2.11.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:1");
        Findings.says(
                finding,
                "controller.registration_mode is not set; chart default for Workflow 2.11.0 is " + "\"enabled\"");
        assertEquals(Severity.ERROR, finding.severity());
        assertTrue(finding.fixable());
        assertNull(finding.fix().target(), "nothing set it: the fix goes to the fix target");
    }

    @Test
    void versionWithLeadingVIsShownWithoutIt() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(repo.values("v2.11.3", "values.yaml"), RULE);
        Findings.says(finding, "chart default for Workflow 2.11.3 is \"enabled\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.12.0", "2.19.0", "2.23.1"})
    void unsetFromWorkflow212IsTheClosedChartDefault(String version) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "controller:\n  app_pull_policy: IfNotPresent\n");
        Findings.none(repo.values(version, "values.yaml"), RULE);
    }

    @Test
    void unsetWithoutAVersionIsAWarningAskingToSetItExplicitly() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  app_pull_policy: IfNotPresent
                """);
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:1:1");
        Findings.says(
                finding,
                "controller.registration_mode is not set",
                "the Workflow version is not configured",
                "Set it explicitly to admin_only or disabled");
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals("admin_only", finding.fix().value());
    }

    @Test
    void unsetWithAnUnknownReleaseIsAWarningNamingTheRelease() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(repo.values("3.1.0", "values.yaml"), RULE);
        Findings.says(finding, "not a known release (3.1.0)", "Set it explicitly");
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void unknownModeKeepsRegistrationOpen() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  registration_mode: "invite_only"
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:22");
        Findings.says(finding, "\"invite_only\"", "not one of the controller's modes");
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void fixOptionDisabledIsTheModeProposed() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "controller:\n  registration_mode: enabled\n");
        CheckResult result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("values.yaml")
                .fixOptions(new FixOptions("disabled", null, null, false)));
        assertEquals("disabled", Findings.single(result, RULE).fix().value());
    }

    @Test
    void enabledInTheBaseFileClosedByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.11.yaml", "values/base.yaml")
                .file("values/prod.yaml", "controller:\n  registration_mode: admin_only\n");
        Findings.none(repo.values("2.11.0", "values/base.yaml", "values/prod.yaml"), RULE);
    }

    @Test
    void enabledSetByTheOverlayPointsAtTheOverlayLine() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/prod.yaml", """
                        global:
                          storage: s3
                        controller:
                          registration_mode: "enabled"
                        """);
        Finding finding = Findings.single(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
        Findings.at(finding, "values/prod.yaml:4:22");
        assertEquals("values/prod.yaml", finding.fix().target().displayName());
    }

    @Test
    void nullInAnOverlayOnWorkflow211LeavesRegistrationOpen() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "controller:\n  registration_mode: admin_only\n")
                .file("prod.yaml", "controller:\n  registration_mode: ~\n");
        Finding finding = Findings.single(repo.values("2.11.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:2:22");
        Findings.says(finding, "controller.registration_mode is set to null, which deletes the chart default");
        assertEquals("prod.yaml", finding.fix().target().displayName());
    }

    @Test
    void renderedControllerWithOpenRegistrationIsAnErrorAtTheEnvValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/controller.yaml", controller("enabled"));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/controller.yaml:15:22");
        Findings.says(finding, "Deployment/deis-controller sets REGISTRATION_MODE to \"enabled\"");
        assertEquals("Deployment/deis-controller", finding.primary().object());
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "only values are fixed");
    }

    @Test
    void renderedControllerWithAdminOnlyHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/controller.yaml", controller("admin_only"));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void openInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "controller:\n  registration_mode: enabled\n")
                .file("rendered/controller.yaml", controller("enabled"));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:2:22", "rendered/controller.yaml:15:22");
        assertTrue(finding.fixable(), "the values place carries the fix");
    }

    @Test
    void renderShowingOpenRegistrationKeepsTheErrorWhenTheVersionIsUnknown() throws Exception {
        // The values alone would only be a warning (unset, version unknown); the render proves registration is open.
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "controller:\n  app_pull_policy: IfNotPresent\n")
                .file("rendered/controller.yaml", controller("enabled"));
        CheckResult result = repo.check(b -> b.values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:1:1", "rendered/controller.yaml:15:22");
        assertEquals(Severity.ERROR, finding.severity(), Findings.describe(finding));
    }

    @Test
    void renderShowingAClosedModeLeavesTheUnknownVersionWarning() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "controller:\n  app_pull_policy: IfNotPresent\n")
                .file("rendered/controller.yaml", controller("admin_only"));
        CheckResult result = repo.check(b -> b.values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:1:1");
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void aNullModeOnANewerChartIsStillAFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  registration_mode: null
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:22");
        Findings.says(finding, "set to null", "no registration mode instead of admin_only or disabled");
        assertEquals("admin_only", finding.fix().value());
    }
}
