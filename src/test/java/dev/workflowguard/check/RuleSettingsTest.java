package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage that settles which rules run, at which severity, and with which fix options. */
class RuleSettingsTest {

    @TempDir
    Path dir;

    private RuleSettings settings(UnaryOperator<CheckRequest.Builder> configure) throws InputException {
        return RuleSettings.of(
                configure.apply(CheckRequest.builder(dir).values("values.yaml")).build());
    }

    @Test
    void everyCatalogueRuleRunsInOrderUnlessDisabled() throws Exception {
        RuleSettings settings = settings(b -> b.disabledRules(List.of("tls-missing", "stale-suppression")));
        List<String> expected = RuleCatalogue.all().stream()
                .map(Rule::id)
                .filter(id -> !id.equals("tls-missing"))
                .toList();
        assertEquals(expected, settings.rules().stream().map(Rule::id).toList());
        assertFalse(settings.enabled("stale-suppression"));
        assertTrue(settings.enabled("expired-suppression"));
    }

    @Test
    void suppressionsMayNameTheChecksThenTheRulesAboutSuppressions() throws Exception {
        assertEquals(RuleCatalogue.ids(), List.copyOf(settings(b -> b).ids()));
    }

    @Test
    void aConfiguredSeverityWinsOverTheDefault() throws Exception {
        RuleSettings settings =
                settings(b -> b.severities(Map.of("minio-storage", "info", "stale-suppression", "error")));
        assertEquals(Severity.INFO, settings.severity("minio-storage"));
        assertEquals(Severity.ERROR, settings.severity("stale-suppression"));
        assertEquals(Severity.WARNING, settings.severity("expired-suppression"), "the catalogue's default");
    }

    @Test
    void anUnknownDisabledRuleIsRefusedListingTheKnownOnes() {
        InputException e =
                assertThrows(InputException.class, () -> settings(b -> b.disabledRules(List.of("no-such-rule"))));
        assertEquals(
                "'no-such-rule' is not a rule id; known rules: " + String.join(", ", RuleCatalogue.ids())
                        + " [parameter disabledRules / workflow.disabledRules]",
                e.getMessage());
    }

    @Test
    void anUnknownRuleInTheSeveritiesIsRefused() {
        InputException e =
                assertThrows(InputException.class, () -> settings(b -> b.severities(Map.of("no-such-rule", "info"))));
        assertTrue(e.getMessage().startsWith("'no-such-rule' is not a rule id; known rules: "), e.getMessage());
        assertEquals("severities", e.parameter());
    }

    @Test
    void aMistypedRuleIdIsStillRefused_withTheIdItWasProbablyMeantToBe() {
        InputException disabled =
                assertThrows(InputException.class, () -> settings(b -> b.disabledRules(List.of("grafana-sigup"))));
        assertEquals(
                "'grafana-sigup' is not a rule id (did you mean 'grafana-signup'?); known rules: "
                        + String.join(", ", RuleCatalogue.ids())
                        + " [parameter disabledRules / workflow.disabledRules]",
                disabled.getMessage());
        InputException severity = assertThrows(
                InputException.class, () -> settings(b -> b.severities(Map.of("Stale-Suppresion", "info"))));
        assertTrue(
                severity.getMessage()
                        .startsWith("'Stale-Suppresion' is not a rule id (did you mean 'stale-suppression'?); known "),
                severity.getMessage());
        assertEquals("severities", severity.parameter());
    }

    @Test
    void aSeverityThatIsNoneIsRefusedNamingTheRule() {
        InputException e =
                assertThrows(InputException.class, () -> settings(b -> b.severities(Map.of("minio-storage", "fatal"))));
        assertTrue(e.getMessage().startsWith("rule minio-storage: "), e.getMessage());
        assertEquals("severities", e.parameter());
    }

    @Test
    void theRulesProposeEditsOfManifestsWhenAskedForOrCountedWithTheUsersOtherChoices() throws Exception {
        FixOptions notAsked = new FixOptions("disabled", "s3", "10.0.0.0/8", false);
        FixOptions asked = new FixOptions("disabled", "s3", "10.0.0.0/8", true);
        assertEquals(notAsked, settings(b -> b.fixOptions(notAsked)).fixOptions());
        assertEquals(asked, settings(b -> b.fixOptions(asked)).fixOptions());
        CheckRequest request = CheckRequest.builder(dir)
                .values("values.yaml")
                .fixOptions(notAsked)
                .build();
        assertEquals(asked, RuleSettings.of(request, true).fixOptions(), "counted");
    }
}
