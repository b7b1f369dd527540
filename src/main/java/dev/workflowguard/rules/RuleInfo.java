package dev.workflowguard.rules;

import dev.workflowguard.finding.Severity;

/**
 * What the catalogue says about a rule; the `rules` goal, README's table and the docs all come
 * from these records.
 *
 * @param id the public rule id used in POMs, suppressions and baselines
 * @param defaultSeverity the severity unless the user overrides it
 * @param fixable "yes", "no", or the condition under which `workflow:fix` corrects it
 * @param summary one line: what the rule finds
 * @param why the production recommendation behind it
 * @param onValues whether it reads Helm values
 * @param onManifests whether it reads rendered manifests
 * @param remedy how to fix it, for the docs and the rules goal
 */
public record RuleInfo(
        String id,
        Severity defaultSeverity,
        String fixable,
        String summary,
        String why,
        boolean onValues,
        boolean onManifests,
        String remedy) {}
