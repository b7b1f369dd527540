package dev.workflowguard.report;

import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.rules.Evidence;
import dev.workflowguard.rules.MetaRules;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFix;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.rules.ValuesKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The documentation page of each rule (docs/rules/&lt;id&gt;.md), made from the same catalogue entry
 * and input declarations the checks, the `rules` goal and SARIF use, so the docs cannot drift from
 * the code.
 */
public final class RuleDocs {

    private RuleDocs() {}

    /** Every page of the catalogue by file name (`minio-storage.md`…), checks first, then the meta rules. */
    public static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        RuleCatalogue.all().forEach(rule -> pages.put(rule.id() + ".md", page(rule)));
        MetaRules.ALL.forEach(info -> pages.put(info.id() + ".md", page(info)));
        return pages;
    }

    /** The page of a check: its catalogue entry and what it reads and writes. */
    public static String page(Rule rule) {
        return page(rule.info(), inputs(rule.inputs()));
    }

    /** The page of a rule that declares no inputs (the rules about suppressions). */
    public static String page(RuleInfo rule) {
        return page(rule, "");
    }

    private static String page(RuleInfo rule, String inputs) {
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
                + inputs
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

    /** The "What it reads" and "What `workflow:fix` writes" sections, from the rule's declarations. */
    private static String inputs(RuleInputs inputs) {
        StringBuilder out = new StringBuilder("## What it reads\n\n");
        if (inputs.everyMapping()) {
            out.append("Every mapping of every values file and manifest document: repeated keys are found before any ")
                    .append("object is selected.\n\n");
        }
        section(
                out,
                "Values keys, with the Workflow releases whose chart has them and their defaults there (from the "
                        + "release table; a key the table does not cover is in every release unless the releases are "
                        + "given):",
                inputs.values(),
                RuleDocs::key);
        section(out, "Rendered objects, and what it reads of them:", inputs.objects(), RuleDocs::object);
        section(
                out,
                "Evidence it looks for anywhere among the rendered objects (manifest files that differ in it are "
                        + "checked as one set):",
                inputs.evidence(),
                RuleDocs::evidence);
        if (!inputs.trace().isNone()) {
            out.append("With `<chart>`, a place on the render is traced to the values key that produces it by "
                            + "rendering again with each of these keys changed: ")
                    .append(inputs.trace().described())
                    .append(".\n\n");
        }
        out.append("## What `workflow:fix` writes\n\n");
        if (inputs.fixes().isEmpty()) {
            out.append("Nothing: the fix needs a person.\n\n");
        } else {
            inputs.fixes().forEach(fix -> out.append("- ").append(fix(fix)).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private static <T> void section(StringBuilder out, String title, List<T> items, Function<T, String> line) {
        if (!items.isEmpty()) {
            out.append(title).append("\n\n");
            items.forEach(item -> out.append("- ").append(line.apply(item)).append('\n'));
            out.append('\n');
        }
    }

    private static String key(ValuesKey key) {
        return "`" + key + "`" + releases(key);
    }

    /**
     * " (Workflow 2.15.0 – 2.23.0; default false up to 2.21.x, true from 2.22.0)" from the release table; for a key
     * below a covered one (a router annotation), where its parent exists; for a key the table does not cover, the
     * declared releases, or nothing for one in every release.
     */
    private static String releases(ValuesKey key) {
        WorkflowReleases table = WorkflowReleases.bundled();
        return key.history(table)
                .map(history ->
                        " (" + (history.key().equals(key.toString()) ? history.describe() : history.where()) + ")")
                .orElseGet(() -> key.inEveryRelease() ? "" : " (Workflow " + key.releases() + ")");
    }

    private static String object(ObjectMatch object) {
        return object.fields().isEmpty()
                ? object.describe() + " (whether it is rendered)"
                : object.describe() + ": "
                        + object.fields().stream().map(ObjectField::label).collect(Collectors.joining(", "));
    }

    private static String evidence(Evidence evidence) {
        return evidence.name() + ": " + evidence.meaning();
    }

    private static String fix(RuleFix fix) {
        String releases = fix.key() == null ? "" : releases(fix.key());
        return fix.target() + " ← " + fix.value() + releases + (fix.when().isEmpty() ? "" : ", " + fix.when());
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
