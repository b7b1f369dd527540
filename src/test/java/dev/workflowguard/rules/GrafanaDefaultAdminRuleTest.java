package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestReleases;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `grafana-default-admin`: Grafana's admin password is unset, empty or "admin". */
class GrafanaDefaultAdminRuleTest {

    private static final String RULE = "grafana-default-admin";

    @TempDir
    Path dir;

    private static String password(String value) {
        return "monitor:\n  grafana:\n    password: " + value + "\n";
    }

    @Test
    void defaultAdminPasswordIsAnErrorAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", password("\"admin\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:15");
        // The message says how the build can see a password the repository must not hold.
        assertEquals(
                "monitor.grafana.password is the chart default \"admin\": Grafana's admin account then opens with the "
                        + "well-known admin/admin; take a real password from a CI secret, never from a committed file, "
                        + "and pass it with `--set monitor.grafana.password=…` when Helm deploys, and with "
                        + "`-Dworkflow.set=monitor.grafana.password=…` so that this build sees it",
                finding.primary().message());
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals("monitor.grafana.password", finding.primary().valuesPath());
        assertFalse(finding.fixable(), "a password needs a person");
    }

    @Test
    void emptyPasswordIsAnError() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", password("\"\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:15");
        Findings.says(finding, "monitor.grafana.password is empty");
        assertFalse(finding.message().contains("given by --set"), finding.message());
    }

    @Test
    void anEmptyPasswordFromSetAsksWhetherTheCiSecretIsThere() throws Exception {
        // -Dworkflow.set=monitor.grafana.password="$GRAFANA_PASSWORD" where the job has no such secret.
        TestRepo repo = new TestRepo(dir).file("values.yaml", password("\"\""));
        Finding finding = Findings.single(
                repo.check(b ->
                        b.workflowVersion("2.19.0").values("values.yaml").set(List.of("monitor.grafana.password="))),
                RULE);
        Findings.at(finding, "--set:1:26");
        Findings.says(
                finding,
                "monitor.grafana.password is empty (given by --set: is the CI secret it comes from defined for this "
                        + "job? Forks' pull requests get none)");
    }

    @Test
    void unsetPasswordIsTheChartDefaultReportedAtTheDeepestParentKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                monitor:
                  grafana:
                    allow_sign_up: "false"
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:3");
        Findings.says(finding, "monitor.grafana.password is not set; chart default for Workflow 2.19.0 is \"admin\"");
    }

    @Test
    void passwordInjectedAtDeployTimeHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", password("\"${GRAFANA_ADMIN_PASSWORD}\""));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void offClusterGrafanaIsNotChecked() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  grafana_location: "off-cluster"
                monitor:
                  grafana:
                    password: admin
                """);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void defaultInTheBaseFileReplacedByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .resource("fixtures/production-overlay.yaml", "values/prod.yaml");
        Findings.none(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
    }

    @Test
    void defaultSetByTheOverlayPointsAtTheOverlayLine() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", password("\"${GRAFANA_ADMIN_PASSWORD}\""))
                .file("prod.yaml", "# reset for the demo\n" + password("admin"));
        Finding finding = Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:4:15");
    }

    @Test
    void renderedDefaultPasswordIsAnErrorAtTheEnvValue() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("rendered/grafana.yaml", GrafanaSignupRuleTest.grafana("admin", "false"));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/grafana.yaml:17:22");
        // A committed render is read as it is: -Dworkflow.set changes only the plugin's own render.
        assertEquals(
                "Deployment/deis-monitor-grafana sets DEFAULT_USER_PASSWORD to the default \"admin\": Grafana's admin "
                        + "account then opens with the well-known admin/admin; render it with a real password from a CI "
                        + "secret (`--set monitor.grafana.password=…`) instead of committing a render with the default; "
                        + "with <chart>, this build renders the chart itself and sees the password given as "
                        + "`-Dworkflow.set=monitor.grafana.password=…`",
                finding.primary().message());
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void renderedEmptyPasswordIsAnError() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", GrafanaSignupRuleTest.grafana("", "false"));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.says(finding, "sets DEFAULT_USER_PASSWORD to an empty value");
    }

    @Test
    void renderedPasswordFromASecretHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/grafana.yaml", """
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
                          env:
                            - name: DEFAULT_USER_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: grafana-admin
                                  key: password
                """);
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void defaultInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", password("admin"))
                .file("rendered/grafana.yaml", GrafanaSignupRuleTest.grafana("admin", "false"));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:15", "rendered/grafana.yaml:17:22");
    }

    @Test
    void renderedGrafanaWithoutAPasswordTakesTheImageDefaultTheTableRead() throws Exception {
        // The test table's 2.11.0 image defaults DEFAULT_USER_PASSWORD to "admin", as grafana-signup reads
        // ALLOW_SIGN_UP.
        TestRepo repo = new TestRepo(dir)
                .file(
                        "rendered/grafana.yaml",
                        GrafanaSignupRuleTest.grafanaOfOldChart("- name: DEFAULT_USER\n  value: \"ops\"\n"));
        Finding finding = Findings.single(
                repo.check(b -> b.workflowVersion("2.11.0")
                        .manifests("rendered")
                        .rules(List.of(new GrafanaDefaultAdminRule(TestReleases.rules())))),
                RULE);
        Findings.at(finding, "rendered/grafana.yaml:13:11");
        Findings.says(
                finding,
                "Deployment/deis-monitor-grafana sets no DEFAULT_USER_PASSWORD, and the Grafana image of Deis Workflow "
                        + "v2.11.0 then defaults it to \"admin\": Grafana's admin account then opens with the "
                        + "well-known admin/admin");
        // A release whose image default the table does not read: nothing is assumed.
        Findings.none(
                repo.check(b -> b.workflowVersion("2.11.0")
                        .manifests("rendered")
                        .rules(List.of(new GrafanaDefaultAdminRule(
                                TestReleases.of(TestRepo.resourceText("dev/workflowguard/rules/releases.yaml")
                                        .replace(", DEFAULT_USER_PASSWORD: \"admin\"", "")))))),
                RULE);
    }
}
