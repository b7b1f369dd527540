package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestReleases;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `grafana-signup`: anyone can sign up to the on-cluster Grafana. */
class GrafanaSignupRuleTest {

    private static final String RULE = "grafana-signup";

    @TempDir
    Path dir;

    private static String signUp(String value) {
        return "monitor:\n  grafana:\n    allow_sign_up: " + value + "\n";
    }

    static String grafana(String password, String allowSignUp) {
        return """
                ---
                # Source: workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-monitor-grafana
                spec:
                  template:
                    spec:
                      containers:
                        - name: deis-monitor-grafana
                          image: quay.io/deis/grafana:v2.19.0
                          env:
                            - name: DEFAULT_USER
                              value: "admin"
                            - name: DEFAULT_USER_PASSWORD
                              value: "%s"
                            - name: ALLOW_SIGN_UP
                              value: "%s"
                """.formatted(password, allowSignUp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"true\"", "'true'", "yes", "on", "True", "ON", "y"})
    void everySpellingOfTrueIsAnErrorAtTheValue(String spelling) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", signUp(spelling));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:20");
        Findings.says(
                finding,
                "monitor.grafana.allow_sign_up is ",
                "anyone who reaches Grafana can create an account",
                "set it to \"false\"");
        assertFalse(finding.message().contains("not a boolean"), finding.message());
        assertEquals(Severity.ERROR, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("monitor", "grafana", "allow_sign_up"), fix.path());
        assertEquals("false", fix.value());
        assertTrue(fix.quoted(), "the chart reads the key as a string");
        assertEquals("values.yaml", fix.target().displayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "True"})
    void boolSpellingsSayHowHelmReadsThem(String spelling) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", signUp(spelling));
        Findings.says(
                Findings.single(repo.values("2.19.0", "values.yaml"), RULE),
                "allow_sign_up is " + spelling + " (Helm reads it as true)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"false\"", "false", "no", "off", "\"off\"", "\"0\"", "False"})
    void everySpellingOfFalseHasNoFinding(String spelling) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", signUp(spelling));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void textGrafanaDoesNotReadAsFalseIsReportedAsOpen() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", signUp("\"nobody\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.says(finding, "\"nobody\" (not a boolean Grafana reads as false)");
    }

    @Test
    void unsetIsTheOpenChartDefaultReportedAtTheDeepestParentKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                monitor:
                  grafana:
                    user: ops
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:4:3");
        Findings.says(
                finding, "monitor.grafana.allow_sign_up is not set; chart default for Workflow 2.19.0 is \"true\"");
        assertNull(finding.fix().target());
    }

    @Test
    void unsetWithoutAVersionAssumesTheCurrentChartDefault() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:1:1");
        Findings.says(finding, "allow_sign_up is not set; chart default is \"true\"");
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void beforeWorkflow214TheKeyHasNoEffectEvenWhenSetToFalse() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", signUp("\"false\""));
        Finding finding = Findings.single(repo.values("2.13.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:20");
        Findings.says(
                finding,
                "monitor.grafana.allow_sign_up has no effect on Workflow 2.13.0",
                "cannot be turned off through values before 2.14",
                "run `kubectl --namespace=deis set env deployment/deis-monitor-grafana ALLOW_SIGN_UP=false` after "
                        + "every install and upgrade, since the next helm upgrade undoes it, or upgrade to Workflow "
                        + "2.14 or later");
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "no values edit helps before 2.14");
    }

    @Test
    void beforeWorkflow214AnUnsetKeyDoesNotExist() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
        Finding finding = Findings.single(repo.values("2.11.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:67:3");
        Findings.says(
                finding,
                "Workflow 2.11.0 has no values key that closes Grafana sign-ups: the chart sets no ALLOW_SIGN_UP, "
                        + "Grafana's image then opens sign-ups",
                "run `kubectl --namespace=deis set env deployment/deis-monitor-grafana ALLOW_SIGN_UP=false`",
                "or upgrade to Workflow 2.14 or later");
        assertFalse(finding.message().contains("allow_sign_up"), "no key to name: " + finding.message());
        assertFalse(finding.fixable());
    }

    @Test
    void offClusterGrafanaIsNotChecked() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  grafana_location: off-cluster
                monitor:
                  grafana:
                    allow_sign_up: true
                """);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.none(repo.values("2.11.0", "values.yaml"), RULE);
    }

    @Test
    void openInTheBaseFileClosedByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", signUp("\"true\"")).file("prod.yaml", signUp("\"false\""));
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void nullInAnOverlayIsReportedAtTheOverlay() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", signUp("\"false\"")).file("prod.yaml", signUp("null"));
        Finding finding = Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:3:20");
        Findings.says(finding, "monitor.grafana.allow_sign_up is set to null, which deletes the chart default");
    }

    @Test
    void renderedGrafanaWithSignUpsOpenIsAnErrorAtTheEnvValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafana("s3cr3t-from-ci", "true"));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/grafana.yaml:19:22");
        Findings.says(
                finding,
                "Deployment/deis-monitor-grafana sets ALLOW_SIGN_UP to \"true\"",
                "set monitor.grafana.allow_sign_up: \"false\" and re-render");
        assertEquals("Deployment/deis-monitor-grafana", finding.primary().object());
        assertFalse(finding.fixable());
    }

    @Test
    void renderedGrafanaWithSignUpsClosedHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafana("s3cr3t-from-ci", "false"));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void openInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", signUp("yes"))
                .file("rendered/grafana.yaml", grafana("s3cr3t-from-ci", "true"));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:20", "rendered/grafana.yaml:19:22");
        assertTrue(finding.fixable());
    }

    /** A rendered Grafana of a chart before 2.14: its env list (`env:` at 13:11) has no ALLOW_SIGN_UP. */
    static String grafanaOfOldChart(String otherEnv) {
        return """
                ---
                # Source: workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-monitor-grafana
                spec:
                  template:
                    spec:
                      containers:
                        - name: deis-monitor-grafana
                          image: quay.io/deis/grafana:v2.7.0
                          env:
                %s""".formatted(otherEnv.indent(12));
    }

    private static final String USER_ENV = """
            - name: DEFAULT_USER
              value: "ops"
            """;

    private static CheckResult renderedCheck(
            TestRepo repo, String version, WorkflowReleases table, boolean fixManifests) throws Exception {
        return repo.check(b -> b.workflowVersion(version)
                .manifests("rendered")
                .fixOptions(new FixOptions(null, null, null, fixManifests))
                .rules(List.of(new GrafanaSignupRule(table))));
    }

    @Test
    void renderedGrafanaWithoutAllowSignUpIsOpenByTheImageDefaultOfItsRelease() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV));
        Finding finding = Findings.single(renderedCheck(repo, "2.11.0", TestReleases.rules(), true), RULE);
        Findings.at(finding, "rendered/grafana.yaml:13:11");
        assertEquals(
                "Deployment/deis-monitor-grafana sets no ALLOW_SIGN_UP, and the Grafana image of Deis Workflow v2.11.0 "
                        + "then defaults it to \"true\" (allow_sign_up = {{ default \"true\" .ALLOW_SIGN_UP }} in its "
                        + "grafana.ini): anyone who reaches Grafana can create an account and read the cluster's "
                        + "dashboards; Workflow 2.11.0 has no values key for it: run `kubectl --namespace=deis set env "
                        + "deployment/deis-monitor-grafana ALLOW_SIGN_UP=false` after every install and upgrade, since "
                        + "the next helm upgrade undoes it, or upgrade to Workflow 2.14 or later",
                finding.message());
        assertEquals("Deployment/deis-monitor-grafana", finding.primary().object());
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "no values key before 2.14, and no variable is added to a committed manifest");
        assertTrue(finding.manifestFixes().isEmpty(), "even with workflow.fix.manifests");
    }

    @Test
    void aVersionBetweenReleasesTakesTheImageDefaultOfTheNearestLowerOne() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV));
        Findings.says(
                Findings.single(renderedCheck(repo, "2.11.3", TestReleases.rules(), false), RULE),
                "the Grafana image of Deis Workflow v2.11.0 then defaults it to \"true\"",
                "Workflow 2.11.3 has no values key for it: run `kubectl");
    }

    @Test
    void withoutAVersionTheImageDefaultEveryReleaseAgreesOnApplies() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV));
        Finding finding = Findings.single(renderedCheck(repo, null, TestReleases.rules(), false), RULE);
        Findings.at(finding, "rendered/grafana.yaml:13:11");
        Findings.says(
                finding,
                "sets no ALLOW_SIGN_UP, and the Grafana image of every Workflow release that leaves it out then "
                        + "defaults it to \"true\"",
                // A render without the variable may come from a release before 2.14: both ways are given.
                "; on Workflow 2.14 and later set monitor.grafana.allow_sign_up: \"false\" and re-render; before 2.14 "
                        + "no values key exists: run `kubectl --namespace=deis set env deployment/deis-monitor-grafana "
                        + "ALLOW_SIGN_UP=false`");
    }

    @Test
    void aReleaseWhoseTemplateSetsTheVariableStillHasTheImageDefaultEveryReleaseAgreesOn() throws Exception {
        // A committed render of 2.14 with the variable taken out by hand: the image is the same image.
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV));
        Findings.says(
                Findings.single(renderedCheck(repo, "2.14.0", TestReleases.rules(), false), RULE),
                "the Grafana image of every Workflow release that leaves it out then defaults it to \"true\"",
                "; set monitor.grafana.allow_sign_up: \"false\" and re-render");
    }

    @Test
    void whenTheReleasesDisagreeOnTheImageDefaultNothingIsAssumedWithoutAVersion() throws Exception {
        String disagreeing = TestRepo.resourceText("dev/workflowguard/rules/releases.yaml")
                .replace(
                        "    rendered:\n      Deployment/deis-monitor-grafana:\n        env: [ALLOW_SIGN_UP, DEFAULT_USER, "
                                + "DEFAULT_USER_PASSWORD]\n  - version: 2.23.0",
                        "    rendered:\n      Deployment/deis-monitor-grafana:\n        env: [DEFAULT_USER]\n"
                                + "        image-defaults: {ALLOW_SIGN_UP: \"false\"}\n  - version: 2.23.0");
        WorkflowReleases table = TestReleases.of(disagreeing);
        assertEquals(
                Optional.of("false"),
                table
                        .lookup(WorkflowVersion.parse("2.14.0"))
                        .orElseThrow()
                        .facts()
                        .renderedObject("Deployment/deis-monitor-grafana")
                        .orElseThrow()
                        .imageDefaults()
                        .values()
                        .stream()
                        .findFirst(),
                "the table was changed as meant");
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV));
        Findings.none(renderedCheck(repo, null, table, false), RULE);
        Findings.none(renderedCheck(repo, "2.14.0", table, false), RULE);
        Findings.single(renderedCheck(repo, "2.11.0", table, false), RULE);
    }

    @Test
    void aVariableSetFromElsewhereIsNotLeftOut() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV + """
                                - name: ALLOW_SIGN_UP
                                  valueFrom:
                                    configMapKeyRef: {name: grafana-settings, key: allow-sign-up}
                                """));
        Findings.none(renderedCheck(repo, "2.11.0", TestReleases.rules(), false), RULE);
    }

    @Test
    void aGrafanaWithoutAnyEnvIsReportedAtItsName() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/grafana.yaml", grafanaOfOldChart("").replace("          env:\n", ""));
        Findings.at(
                Findings.single(renderedCheck(repo, "2.11.0", TestReleases.rules(), false), RULE),
                "rendered/grafana.yaml:6:9");
    }

    @Test
    void stockValuesAndTheRenderOfAnOldReleaseAreOneFindingThatNamesNoKey() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "monitor:\n  grafana:\n    user: ops\n")
                .file("rendered/grafana.yaml", grafanaOfOldChart(USER_ENV));
        CheckResult result = repo.check(b -> b.workflowVersion("2.11.0")
                .values("values.yaml")
                .manifests("rendered")
                .rules(List.of(new GrafanaSignupRule(TestReleases.rules()))));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:2:3", "rendered/grafana.yaml:13:11");
        assertFalse(finding.fixable());
        for (Place place : finding.places()) {
            Findings.says(place, "ALLOW_SIGN_UP=false`", "or upgrade to Workflow 2.14 or later");
            assertFalse(place.message().contains("allow_sign_up:"), place.message());
        }
    }
}
