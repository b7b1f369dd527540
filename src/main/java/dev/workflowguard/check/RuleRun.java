package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.RenderProbe;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleFindings;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage that runs the rules over everything read and turns what each reports into findings at
 * the configured severity. When the committed manifests were checked file by file, the rules have
 * run already, file by file, and their joined findings are taken as they are.
 */
final class RuleRun {

    private RuleRun() {}

    /**
     * The findings of the rules.
     *
     * @param probe what the rules ask whether a values key controls a rendered field: the chart's provenance,
     *     or a probe that only notes their questions; null without a chart
     */
    static List<Finding> findings(
            CheckInputs inputs,
            RuleSettings rules,
            WorkflowRelease release,
            UserValues values,
            CommittedManifests committed,
            Rendering rendering,
            RenderProbe probe) {
        if (committed.byFile() != null) {
            return findings(rules, committed.byFile().findings());
        }
        CheckContext context = new CheckContext(
                values.effective(),
                rendering.manifests(),
                release.version(),
                inputs.request().externalCertificate(),
                rules.fixOptions(),
                rendering.rendered(),
                committed.objects(),
                probe);
        return findings(rules, collect(rules.rules(), context));
    }

    /** What each rule reports about the context, in the order of the rules. */
    static List<RuleFindings> collect(List<Rule> rules, CheckContext context) {
        List<RuleFindings> collected = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleFindings found = new RuleFindings();
            rule.check(context, found);
            collected.add(found);
        }
        return collected;
    }

    /**
     * Each rule's causes as findings, at the severity the user configured, else the one the rule asked
     * for, else the rule's default.
     *
     * @param collected what each of {@code rules.rules()} reported, in the same order
     */
    static List<Finding> findings(RuleSettings rules, List<RuleFindings> collected) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < rules.rules().size(); i++) {
            Rule rule = rules.rules().get(i);
            Severity configured = rules.severities().get(rule.id());
            for (RuleFindings.Pending pending : collected.get(i).pending()) {
                Severity severity = configured != null
                        ? configured
                        : pending.severityHint() != null
                                ? pending.severityHint()
                                : rule.info().defaultSeverity();
                findings.add(new Finding(
                        rule.id(),
                        severity,
                        pending.cause(),
                        pending.places(),
                        pending.fix(),
                        pending.manifestFixes()));
            }
        }
        return findings;
    }
}
