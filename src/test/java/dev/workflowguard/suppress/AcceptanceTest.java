package dev.workflowguard.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressions and the baseline in a real check: what they accept, when they stop, what they report. */
class AcceptanceTest {

    @TempDir
    Path dir;

    private static final String VALUES = """
            global:
              storage: s3
              use_rbac: true
            s3:
              region: eu-central-1
              registry_bucket: acme-registry
              database_bucket: acme-database
              builder_bucket: acme-builder
            monitor:
              grafana:
                allow_sign_up: "false"
                password: "${GRAFANA_PASSWORD}"
            router:
              # no replicas key in the stock chart: manifests/router-hpa.yaml scales the router
              deployment_annotations:
                router.deis.io/nginx.ssl.enforce: "true"
                router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"
                router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
              service_annotations:
                service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "arn:aws:acm:x"
            controller:
              # workflow:ignore open-registration reason="the admin registers on day one" until=2027-01-31
              registration_mode: enabled
            """;

    /** With the autoscaler a production cluster commits: the stock chart has no router replica key. */
    private CheckResult check(TestRepo repo, LocalDate today) throws InputException {
        repo.resource("fixtures/router-hpa.yaml", "manifests/router-hpa.yaml");
        return repo.check(b -> b.workflowVersion("2.19.0")
                .values("values.yaml")
                .manifests("manifests")
                .today(today));
    }

    @Test
    void aSuppressionAcceptsItsFindingUntilItsDate() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", VALUES);
        CheckResult before = check(repo, LocalDate.of(2027, 1, 31));
        assertEquals(List.of(), before.findings(), Findings.describe(before));
        assertEquals(1, before.suppressed().size());
        assertEquals(
                "the admin registers on day one",
                before.suppressed().get(0).suppression().reason());

        CheckResult after = check(repo, LocalDate.of(2027, 2, 1));
        Findings.at(Findings.single(after, "open-registration"), "values.yaml:23:22");
        Finding expired = Findings.single(after, "expired-suppression");
        Findings.at(expired, "values.yaml:22:3");
        Findings.says(expired, "expired on 2027-01-31", "the admin registers on day one");
        assertEquals(Severity.WARNING, expired.severity());
    }

    @Test
    void aSuppressionThatMatchesNothingIsStale() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", VALUES.replace("registration_mode: enabled", "registration_mode: admin_only"));
        CheckResult result = check(repo, LocalDate.of(2026, 12, 1));
        Finding stale = Findings.single(result, "stale-suppression");
        Findings.at(stale, "values.yaml:22:3");
        Findings.says(stale, "the suppression of open-registration (values.yaml:23) matches no finding");
    }

    @Test
    void aStaleSuppressionPointsAtTheFindingOfItsRuleItWasProbablyMeantFor() throws Exception {
        // The comment sits above controller:, a line off the key its rule reports.
        TestRepo repo = new TestRepo(dir)
                .file(
                        "values.yaml",
                        VALUES.replace(
                                "controller:\n  # workflow:ignore open-registration reason=\"the admin registers on "
                                        + "day one\" until=2027-01-31\n",
                                "# workflow:ignore open-registration reason=\"the admin registers on day one\" "
                                        + "until=2027-01-31\ncontroller:\n"));
        CheckResult result = check(repo, LocalDate.of(2026, 12, 1));
        Findings.at(Findings.single(result, "open-registration"), "values.yaml:23:22");
        Finding stale = Findings.single(result, "stale-suppression");
        Findings.at(stale, "values.yaml:21:1");
        Findings.says(
                stale,
                "matches no finding: the problem is gone or the suppression points at the wrong place; delete it, or "
                        + "move it to where open-registration reports a finding: values.yaml:23:22");
    }

    @Test
    void aSuppressionWithoutReasonSuppressesNothingAndIsAnError() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", VALUES.replace(" reason=\"the admin registers on day one\" until=2027-01-31", ""));
        CheckResult result = check(repo, LocalDate.of(2026, 12, 1));
        Findings.single(result, "open-registration");
        Finding invalid = Findings.single(result, "invalid-suppression");
        assertEquals(Severity.ERROR, invalid.severity());
        Findings.says(invalid, "has no reason");
    }

    @Test
    void manifestAnnotationsAndPomEntriesSuppressToo() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        String annotated = repo.read("rendered/workflow.yaml")
                .replace(
                        "  name: deis-router\n  labels:\n    heritage: deis\n  annotations:\n",
                        "  name: deis-router\n  labels:\n    heritage: deis\n  annotations:\n"
                                + "    workflow-guard.dev/ignore.tls-legacy-protocols: \"old Android clients until the app ships\"\n");
        assertTrue(annotated.contains("workflow-guard.dev/ignore."));
        repo.file("rendered/workflow.yaml", annotated);
        ConfiguredSuppression pom = new ConfiguredSuppression(
                "no-ip-whitelist",
                "rendered/*.yaml",
                null,
                "Deployment/deis-router",
                "public PaaS: everyone may reach it",
                null,
                null);
        CheckResult result = repo.check(b -> b.manifests("rendered").suppressions(List.of(pom)));
        Findings.none(result, "tls-legacy-protocols");
        Findings.none(result, "no-ip-whitelist");
        assertEquals(
                List.of("no-ip-whitelist", "tls-legacy-protocols"),
                result.suppressed().stream()
                        .map(s -> s.finding().rule())
                        .sorted()
                        .toList());
    }

    @Test
    void theBaselineAcceptsOldFindingsAcrossLineShiftsAndCatchesNewOnes() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.19.yaml", "values.yaml");
        CheckResult first = repo.check(b -> b.workflowVersion("2.19.0").values("values.yaml"));
        Baseline.write(dir.resolve("workflow-baseline.json"), first.findings(), "test");

        // Unrelated lines inserted above every finding: the fingerprints must not move.
        repo.file("values.yaml", "# reviewed 2026-11-26\n# owner: platform team\n\n" + repo.read("values.yaml"));
        CheckResult shifted = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").baseline("workflow-baseline.json"));
        assertEquals(List.of(), shifted.findings(), Findings.describe(shifted));
        assertEquals(first.findings().size(), shifted.baselined().size());

        // A new problem fails; a fixed one is reported so the baseline can shrink.
        repo.file(
                "values.yaml",
                repo.read("values.yaml")
                        .replace("registration_mode: \"admin_only\"", "registration_mode: \"enabled\"")
                        .replace("use_rbac: false", "use_rbac: true"));
        CheckResult changed = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").baseline("workflow-baseline.json"));
        assertEquals(List.of("open-registration"), Findings.rules(changed));
        assertEquals(
                List.of("rbac-disabled"),
                changed.fixedSinceBaseline().stream().map(Baseline.Entry::rule).toList());
    }

    @Test
    void aMissingOrBrokenBaselineIsAConfigurationError() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "a: 1\n").file("bad.json", "{\"findings\": [1, ");
        InputException missing = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.values("values.yaml").baseline("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json does not exist; write it with `mvn workflow:baseline`"));
        assertTrue(missing.getMessage().contains("baseline / workflow.baseline"));
        InputException broken = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.values("values.yaml").baseline("bad.json")));
        assertTrue(broken.getMessage().startsWith("bad.json "), broken.getMessage());
    }
}
