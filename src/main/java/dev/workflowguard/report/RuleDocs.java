package dev.workflowguard.report;

import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;

/**
 * The documentation page of each rule (docs/rules/&lt;id&gt;.md), made from the same catalogue entry
 * the checks, the `rules` goal and SARIF use, so the docs cannot drift from the code.
 */
public final class RuleDocs {

    private RuleDocs() {}

    public static String page(RuleInfo rule) {
        String reads = rule.onValues() && rule.onManifests()
                ? "Helm values and rendered manifests"
                : rule.onManifests() ? "values and rendered manifests together" : "Helm values";
        return "# `" + rule.id() + "`\n\n"
                + "| | |\n|---|---|\n"
                + "| Default severity | " + rule.defaultSeverity().id() + " |\n"
                + "| Fixed by `mvn workflow:fix` | " + rule.fixable() + " |\n"
                + "| Reads | " + reads + " |\n\n"
                + "## What it finds\n\n" + rule.summary() + "\n\n"
                + "## Why it matters\n\n" + rule.why() + "\n\n"
                + "## How to fix\n\n" + rule.remedy() + "\n\n"
                + "## How to suppress\n\n"
                + "Only when the finding is accepted on purpose, with the reason written down (and, ideally, a date):\n\n"
                + "- in a values file, on the offending line or the line above it:\n\n"
                + "  ```yaml\n  # workflow:ignore " + rule.id()
                + " reason=\"why this is acceptable\" until=2027-06-30\n  ```\n\n"
                + "- on a rendered object:\n\n"
                + "  ```yaml\n  metadata:\n    annotations:\n      workflow-guard.dev/ignore." + rule.id()
                + ": \"why this is acceptable\"\n  ```\n\n"
                + "- in the POM:\n\n"
                + "  ```xml\n  <suppressions>\n    <suppression>\n      <rule>" + rule.id() + "</rule>\n"
                + "      <file>values/*.yaml</file>          <!-- optional; also <valuesPath>, <object> -->\n"
                + "      <reason>why this is acceptable</reason>\n      <until>2027-06-30</until>\n"
                + "    </suppression>\n  </suppressions>\n  ```\n\n"
                + "A suppression without a reason is itself a finding (`invalid-suppression`); after its `until` date "
                + "it stops suppressing (`expired-suppression`); one that matches nothing is reported "
                + "(`stale-suppression`). To change the severity instead: "
                + "`<severities><" + rule.id() + ">warning</" + rule.id() + "></severities>`; to turn it off: "
                + "`-Dworkflow.disabledRules=" + rule.id() + "`.\n";
    }

    /** docs/rules/README.md: the index of every page. */
    public static String index() {
        StringBuilder out = new StringBuilder("# Rules\n\nEvery rule workflow-guard checks, as `mvn workflow:rules` "
                + "prints them. Rule ids are public API: use them in `disabledRules`, `severities` and suppressions.\n\n"
                + "| rule | severity | what it finds |\n|---|---|---|\n");
        for (RuleInfo rule : RuleCatalogue.infos()) {
            out.append("| [`")
                    .append(rule.id())
                    .append("`](")
                    .append(rule.id())
                    .append(".md) | ")
                    .append(rule.defaultSeverity().id())
                    .append(" | ")
                    .append(rule.summary())
                    .append(" |\n");
        }
        return out.toString();
    }
}
