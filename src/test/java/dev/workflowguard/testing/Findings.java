package dev.workflowguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.report.ConsoleReport;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions on findings that print every finding when they fail, so a failure explains itself. */
public final class Findings {

    private Findings() {}

    /** All findings of a rule. */
    public static List<Finding> of(CheckResult result, String rule) {
        return result.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /** The one finding of a rule; fails when there is none or more than one. */
    public static Finding single(CheckResult result, String rule) {
        List<Finding> found = of(result, rule);
        if (found.size() != 1) {
            fail("expected exactly one " + rule + " finding but got " + found.size() + ":\n" + describe(result));
        }
        return found.get(0);
    }

    public static void none(CheckResult result, String rule) {
        if (!of(result, rule).isEmpty()) {
            fail("expected no " + rule + " finding but got:\n" + describe(result));
        }
    }

    /** Asserts the finding's places, as "file:line:col", in order. */
    public static void at(Finding finding, String... locations) {
        List<String> actual =
                finding.places().stream().map(p -> p.location().toString()).toList();
        assertEquals(List.of(locations), actual, () -> "places of " + finding.rule() + ":\n" + describe(finding));
    }

    /** Asserts the primary message contains every fragment. */
    public static void says(Finding finding, String... fragments) {
        says(finding.primary(), fragments);
    }

    public static void says(Place place, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(
                    place.message().contains(fragment),
                    () -> "message lacks \"" + fragment + "\":\n  " + place.message());
        }
    }

    /** Every message of every place of every finding, in order. */
    public static List<String> messages(CheckResult result) {
        return result.findings().stream()
                .flatMap(f -> f.places().stream())
                .map(Place::message)
                .toList();
    }

    /** Asserts that no message of any finding (any rule, any place) contains the text, e.g. a planted secret. */
    public static void noMessageContains(CheckResult result, String text) {
        for (String message : messages(result)) {
            assertFalse(message.contains(text), () -> "a message shows \"" + text + "\":\n  " + message);
        }
    }

    /**
     * Asserts that no message of any place of any finding says the same parenthesised clause twice
     * ("(rendered into Deployment/deis-router by …)" once per host port was the bug this guards).
     */
    public static void noClauseTwice(CheckResult result) {
        for (Finding finding : result.findings()) {
            for (Place place : finding.places()) {
                List<String> clauses = clauses(place.message());
                assertEquals(
                        clauses.stream().distinct().count(),
                        clauses.size(),
                        () -> "a clause repeats in the " + finding.rule() + " message:\n  " + place.message());
            }
        }
    }

    /** The top-level parenthesised clauses of a message, parentheses included. */
    public static List<String> clauses(String message) {
        List<String> clauses = new java.util.ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '(' && depth++ == 0) {
                start = i;
            } else if (c == ')' && depth > 0 && --depth == 0) {
                clauses.add(message.substring(start, i + 1));
            }
        }
        return clauses;
    }

    /** The rule ids found, sorted and de-duplicated. */
    public static List<String> rules(CheckResult result) {
        return result.findings().stream().map(Finding::rule).distinct().sorted().toList();
    }

    public static String describe(CheckResult result) {
        return result.findings().stream().map(Findings::describe).collect(Collectors.joining("\n"));
    }

    public static String describe(Finding finding) {
        return finding.places().stream()
                .map(p -> "  " + ConsoleReport.line(finding, p))
                .collect(Collectors.joining("\n"));
    }
}
