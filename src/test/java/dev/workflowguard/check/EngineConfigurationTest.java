package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-rule configuration users write in POMs: severity overrides and disabled rules. */
class EngineConfigurationTest {

    @TempDir
    Path dir;

    private TestRepo repo;

    @BeforeEach
    void stockValues() {
        repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
    }

    @Test
    void severityOverrideReplacesTheDefaultForThatRuleOnly() throws Exception {
        CheckResult result = repo.check(b -> b.workflowVersion("2.11.0")
                .values("values.yaml")
                .severities(Map.of("minio-storage", "info", "tls-not-enforced", "ERROR")));
        assertEquals(Severity.INFO, Findings.single(result, "minio-storage").severity());
        assertEquals(Severity.ERROR, Findings.single(result, "tls-not-enforced").severity());
        assertEquals(
                Severity.ERROR, Findings.single(result, "open-registration").severity(), "not overridden");
        assertEquals(Severity.WARNING, Findings.single(result, "rbac-disabled").severity(), "not overridden");
    }

    @Test
    void warnIsAcceptedForWarning() throws Exception {
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.11.0").values("values.yaml").severities(Map.of("single-router", "warn")));
        assertEquals(Severity.WARNING, Findings.single(result, "single-router").severity());
        assertFalse(
                result.atOrAbove(Severity.ERROR).stream().anyMatch(f -> f.rule().equals("single-router")));
    }

    @Test
    void overrideWinsOverTheSeverityARuleAsksForItself() throws Exception {
        // Without a version, open-registration reports the unset mode as a warning; the user's choice still wins.
        repo.file("values.yaml", "global:\n  storage: s3\n");
        CheckResult defaults = repo.values(null, "values.yaml");
        assertEquals(
                Severity.WARNING, Findings.single(defaults, "open-registration").severity());
        CheckResult overridden =
                repo.check(b -> b.values("values.yaml").severities(Map.of("open-registration", "error")));
        assertEquals(
                Severity.ERROR, Findings.single(overridden, "open-registration").severity());
    }

    @Test
    void disabledRulesDoNotRunAndOthersDo() throws Exception {
        CheckResult all = repo.values("2.11.0", "values.yaml");
        assertTrue(Findings.rules(all).containsAll(List.of("minio-storage", "tls-missing", "rbac-disabled")));
        CheckResult result = repo.check(b -> b.workflowVersion("2.11.0")
                .values("values.yaml")
                .disabledRules(Arrays.asList("minio-storage", " tls-missing ", "", null)));
        Findings.none(result, "minio-storage");
        Findings.none(result, "tls-missing");
        Findings.single(result, "rbac-disabled");
        assertEquals(all.findings().size() - 2, result.findings().size(), Findings.describe(result));
    }

    @Test
    void unknownRuleIdInDisabledRulesIsAnInputErrorListingTheKnownIds() {
        InputException error = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.values("values.yaml").disabledRules(List.of("minio"))));
        assertTrue(
                error.getMessage()
                        .contains("'minio' is not a rule id; known rules: minio-storage, "
                                + "storage-placeholder, open-registration"),
                error.getMessage());
        assertEquals("disabledRules / workflow.disabledRules", error.parameter());
    }

    @Test
    void unknownRuleIdInSeveritiesIsAnInputError() {
        InputException error = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.values("values.yaml").severities(Map.of("tls", "info"))));
        assertTrue(error.getMessage().contains("'tls' is not a rule id"), error.getMessage());
        assertEquals("severities", error.parameter());
    }

    @Test
    void unknownSeverityWordIsAnInputErrorNamingTheAcceptedWords() {
        InputException error = assertThrows(
                InputException.class,
                () -> repo.check(b -> b.values("values.yaml").severities(Map.of("minio-storage", "fatal"))));
        assertTrue(
                error.getMessage()
                        .contains(
                                "rule minio-storage: 'fatal' is not a severity; use one of error, " + "warning, info"),
                error.getMessage());
        assertEquals("severities", error.parameter());
    }
}
