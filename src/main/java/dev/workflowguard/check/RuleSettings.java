package dev.workflowguard.check;

import dev.workflowguard.config.ClosestName;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.MetaRules;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage that settles which rules run and how, before anything is read: the ids the user wrote
 * (disabled rules, severity overrides) are checked against the rules the check knows.
 *
 * @param rules the rules to run, in catalogue order, without the disabled ones
 * @param severities the severity the user configured per rule id
 * @param known every rule id users can name, with its catalogue entry: the checks, then the rules
 *     about suppressions
 * @param disabled the ids of the rules not to run
 * @param fixOptions the options the rules propose fixes with: the request's, with edits of
 *     committed manifests also proposed when the checker counts them (a fix tells how many more it
 *     could make there); {@link ManifestFixOptIn} keeps them only where the user asked for them
 */
record RuleSettings(
        List<Rule> rules,
        Map<String, Severity> severities,
        Map<String, RuleInfo> known,
        Set<String> disabled,
        FixOptions fixOptions) {

    static RuleSettings of(CheckRequest request) throws InputException {
        return of(request, false);
    }

    /** @param countManifestFixes whether the rules propose edits of committed manifests though none are asked for */
    static RuleSettings of(CheckRequest request, boolean countManifestFixes) throws InputException {
        // The one place the check takes its rules from.
        List<Rule> catalogue = request.rules();
        Map<String, RuleInfo> known = new LinkedHashMap<>();
        catalogue.forEach(rule -> known.put(rule.id(), rule.info()));
        MetaRules.ALL.forEach(info -> known.put(info.id(), info));
        for (String id : request.disabledRules()) {
            requireKnown(id, known, Parameters.DISABLED);
        }
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : request.severities().entrySet()) {
            requireKnown(entry.getKey(), known, Parameters.SEVERITIES);
            try {
                severities.put(entry.getKey(), Severity.parse(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new InputException("rule " + entry.getKey() + ": " + e.getMessage(), Parameters.SEVERITIES);
            }
        }
        FixOptions asked = request.fixOptions();
        return new RuleSettings(
                catalogue.stream()
                        .filter(rule -> !request.disabledRules().contains(rule.id()))
                        .toList(),
                Collections.unmodifiableMap(severities),
                Collections.unmodifiableMap(known),
                request.disabledRules(),
                new FixOptions(
                        asked.registrationMode(),
                        asked.storage(),
                        asked.whitelist(),
                        asked.manifests() || countManifestFixes));
    }

    private static void requireKnown(String id, Map<String, RuleInfo> known, String parameter) throws InputException {
        if (!known.containsKey(id)) {
            throw new InputException(
                    "'" + id + "' is not a rule id"
                            + ClosestName.among(id, known.keySet())
                                    .map(meant -> " (did you mean '" + meant + "'?)")
                                    .orElse("")
                            + "; known rules: " + String.join(", ", known.keySet()),
                    parameter);
        }
    }

    /** Every id a suppression may name. */
    Set<String> ids() {
        return known.keySet();
    }

    boolean enabled(String id) {
        return !disabled.contains(id);
    }

    /** The severity of a rule's findings: the user's, else the catalogue's default. */
    Severity severity(String id) {
        Severity configured = severities.get(id);
        return configured != null ? configured : known.get(id).defaultSeverity();
    }
}
