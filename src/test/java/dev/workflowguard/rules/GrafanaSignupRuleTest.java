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
                "upgrade Workflow");
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "no values edit helps before 2.14");
    }

    @Test
    void beforeWorkflow214AnUnsetKeyDoesNotExist() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
        Finding finding = Findings.single(repo.values("2.11.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:67:3");
        Findings.says(finding, "monitor.grafana.allow_sign_up does not exist before Workflow 2.14");
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
}
