package dev.workflowguard.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.report.ConsoleReport;
import dev.workflowguard.report.GitHubAnnotations;
import dev.workflowguard.report.HtmlReport;
import dev.workflowguard.report.JUnitReport;
import dev.workflowguard.report.JsonReport;
import dev.workflowguard.report.ReportPaths;
import dev.workflowguard.report.SarifReport;
import dev.workflowguard.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted in values, --set and manifests never appear in any output: log lines, every
 * report format, the diffs shown to people, error messages.
 */
class PlantedSecretsTest {

    @TempDir
    Path dir;

    private static final List<String> PLANTED = List.of(
            "S3cr3t-S3-Key-9f8e",
            "AKIA-PLANTED-7766",
            "Gr4fana-Pw-0x55",
            "azure-key-planted-1234",
            "influx-pw-planted",
            "set-secret-planted",
            "stringdata-planted-pw",
            "env-token-planted-42");

    private TestRepo repo() {
        return new TestRepo(dir).file("values/base.yaml", """
                global:
                  storage: s3
                s3:
                  accesskey: AKIA-PLANTED-7766
                  secretkey: "S3cr3t-S3-Key-9f8e"
                  registry_bucket: your-registry-bucket-name
                azure:
                  accountkey: azure-key-planted-1234
                monitor:
                  grafana:
                    allow_sign_up: yes
                    password: Gr4fana-Pw-0x55
                  influxdb:
                    password: influx-pw-planted
                controller:
                  registration_mode: enabled
                """).file("rendered/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: deis-extra
                stringData:
                  password: stringdata-planted-pw
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-monitor-grafana
                spec:
                  template:
                    spec:
                      containers:
                        - name: grafana
                          image: quay.io/deis/grafana:latest
                          env:
                            - name: API_TOKEN
                              value: env-token-planted-42
                            - name: ALLOW_SIGN_UP
                              value: "true"
                """);
    }

    private static void assertClean(String what, String text) {
        for (String secret : PLANTED) {
            assertFalse(text.contains(secret), what + " shows the planted secret " + secret + ":\n" + text);
        }
    }

    @Test
    void noOutputShowsAPlantedSecret() throws Exception {
        TestRepo repo = repo();
        CheckResult result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("values/base.yaml")
                .manifests("rendered")
                .set("monitor.grafana.password=set-secret-planted"));
        assertTrue(result.findings().size() > 5, "the inputs must produce findings to show");

        StringBuilder log = new StringBuilder();
        ConsoleReport.lines(result).forEach(line -> log.append(line.text()).append('\n'));
        log.append(ConsoleReport.summary(result));
        assertClean("the log", log.toString());

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonReport.write(json, result, "t", Severity.ERROR);
        assertClean("report.json", json.toString(StandardCharsets.UTF_8));
        ReportPaths paths = new ReportPaths(dir);
        ByteArrayOutputStream sarif = new ByteArrayOutputStream();
        SarifReport.write(sarif, result, "t", paths);
        assertClean("report.sarif", sarif.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream junit = new ByteArrayOutputStream();
        JUnitReport.write(junit, result, Severity.ERROR, Set.of());
        assertClean("the JUnit report", junit.toString(StandardCharsets.UTF_8));
        assertClean("GitHub annotations", String.join("\n", GitHubAnnotations.lines(result, paths)));

        // The diff shown to people (HTML, fix log) masks context lines that hold credentials.
        FixPlan plan = new Fixer()
                .plan(
                        dev.workflowguard.check.CheckRequest.builder(dir)
                                .workflowVersion("2.19.0")
                                .values("values/base.yaml")
                                .build(),
                        null);
        String patch = PatchFile.text(dir, plan);
        assertTrue(patch.contains("Gr4fana-Pw-0x55"), "the patch file itself is exact, so git apply works");
        ByteArrayOutputStream html = new ByteArrayOutputStream();
        HtmlReport.write(html, result, "t", Severity.ERROR, patch);
        assertClean("report.html", html.toString(StandardCharsets.UTF_8));
        StringBuilder shown = new StringBuilder();
        patch.lines()
                .map(plan.before().secrets()::maskLine)
                .forEach(l -> shown.append(l).append('\n'));
        assertClean("the diff printed by workflow:fix", shown.toString());
        assertTrue(shown.toString().contains("password: ****"), shown.toString());
    }

    @Test
    void errorMessagesNeverEchoASecret() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "s3:\n  secretkey: \"S3cr3t-S3-Key-9f8e\n  other: [\n");
        InputException yaml = assertThrows(InputException.class, () -> repo.values(null, "values.yaml"));
        assertClean("a YAML error", yaml.getMessage());
        InputException set = assertThrows(
                InputException.class, () -> repo.check(b -> b.set("monitor.grafana.password={set-secret-planted")));
        assertClean("a --set error", set.getMessage());
        InputException noEquals =
                assertThrows(InputException.class, () -> repo.check(b -> b.set("set-secret-planted")));
        assertClean("a --set error", noEquals.getMessage());
        // An unquoted password that starts with * is read as an alias named after the rest of the password.
        repo.file("alias.yaml", "monitor:\n  grafana:\n    password: *Gr4fana-Pw-0x55\n");
        InputException alias = assertThrows(InputException.class, () -> repo.values(null, "alias.yaml"));
        assertClean("an undefined alias error", alias.getMessage());
        assertTrue(alias.getMessage().startsWith("alias.yaml:3:15: "), alias.getMessage());
    }

    @Test
    void maskLineHidesValuesUnderCredentialKeysEvenWhenUnknown() {
        SecretMask mask = SecretMask.builder().build();
        assertEquals("+  password: ****", mask.maskLine("+  password: hunter22"));
        assertEquals(" - dbToken: ****", mask.maskLine(" - dbToken: abc"));
        assertEquals("   registration_mode: enabled", mask.maskLine("   registration_mode: enabled"));
        assertEquals("   password: \"\"", mask.maskLine("   password: \"\""));
    }
}
