package dev.workflowguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosestNameTest {

    private static final List<String> PARAMETERS = List.of(
            "valuesFiles",
            "manifests",
            "workflowVersion",
            "disabledRules",
            "severities",
            "failOnSeverity",
            "skip",
            "checkSkip",
            "setValues",
            "suppressions");

    private static final List<String> RULES =
            List.of("grafana-signup", "grafana-default-admin", "single-router", "tls-missing", "tls-not-enforced");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "workflowVerison, workflowVersion", // two letters swapped: one edit
        "workflowversion, workflowVersion", // case is ignored
        "WORKFLOWVERSION, workflowVersion",
        "valueFiles, valuesFiles", // a letter missing
        "valuesFile, valuesFiles", // the item's name instead of the list's
        "severites, severities",
        "failOnSeverty, failOnSeverity",
        "disabledRule, disabledRules",
        "skp, skip",
        "suppression, suppressions",
        "workflowVrsion, workflowVersion",
        "wrkflwVrsion, workflowVersion", // three edits in a long name
    })
    void suggestsTheParameterATypoWasMeantToBe(String typed, String meant) {
        assertEquals(Optional.of(meant), ClosestName.among(typed, PARAMETERS), typed);
    }

    @ParameterizedTest(name = "{0} -> nothing")
    @CsvSource({
        "version", // another word, not a typo of workflowVersion
        "chartVersion",
        "values",
        "wrkflwVrsn", // four edits
        "'  '",
    })
    void suggestsNothingForAnotherWord(String typed) {
        assertEquals(Optional.empty(), ClosestName.among(typed, PARAMETERS), typed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "grafana-sigup, grafana-signup",
        "grafana_signup, grafana-signup",
        "single-routers, single-router",
        "tls-mising, tls-missing",
        "Tls-Not-Enforced, tls-not-enforced",
    })
    void suggestsRuleIds(String typed, String meant) {
        assertEquals("; did you mean \"" + meant + "\"?", ClosestName.didYouMean(typed, RULES), typed);
    }

    @ParameterizedTest(name = "{0} -> nothing")
    @CsvSource({"no-such-rule", "tls", "minio", "grafana"})
    void noSuggestionLeavesTheMessageAsItWas(String typed) {
        assertEquals("", ClosestName.didYouMean(typed, RULES), typed);
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({
        "abc, abc, 0",
        "abc, acb, 1",
        "abc, ab, 1",
        "abc, abcd, 1",
        "abc, xbc, 1",
        "'', abc, 3",
        "ca, abc, 3", // optimal string alignment: a swapped pair is not edited again
        "workflowverison, workflowversion, 1",
    })
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps(String a, String b, int expected) {
        assertEquals(expected, ClosestName.distance(a, b));
        assertEquals(expected, ClosestName.distance(b, a));
    }

    @Test
    void aTieGoesToTheFirstKnownName() {
        assertEquals(Optional.of("ab-x"), ClosestName.among("ab-y", List.of("ab-x", "ab-z")));
        assertEquals(Optional.of("ab-z"), ClosestName.among("ab-y", List.of("ab-z", "ab-x")));
    }
}
