package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleTableTest {

    private static final Pattern FIRST = Pattern.compile("([a-z-]+) +(error|warning|info) +(yes|no|depends) +(\\S.*)");

    @Test
    void everyLineFitsAHundredColumnTerminalWithMavensPrefix() {
        for (String line : RuleTable.lines()) {
            assertTrue(line.length() <= RuleTable.WIDTH, () -> line.length() + " columns: " + line);
            assertTrue(("[INFO] " + line).length() <= 100, line);
            assertEquals(line.stripTrailing(), line, "no trailing spaces");
        }
    }

    @Test
    void eachRuleKeepsItsWholeDescriptionAndFixability_longConditionsOnTheirOwnLine() {
        List<String> lines = RuleTable.lines();
        assertEquals("id                     severity  fixable  description", lines.get(0));
        int descriptionColumn = lines.get(0).indexOf("description");
        List<RuleInfo> infos = RuleCatalogue.infos();
        int at = 1;
        for (RuleInfo info : infos) {
            Matcher first = FIRST.matcher(lines.get(at));
            assertTrue(first.matches(), lines.get(at));
            assertEquals(info.id(), first.group(1));
            assertEquals(info.defaultSeverity().id(), first.group(2));
            assertEquals(descriptionColumn, lines.get(at).indexOf(first.group(4)), lines.get(at));
            List<String> rest = new ArrayList<>(List.of(first.group(4)));
            at++;
            while (at < lines.size() && lines.get(at).startsWith(" ")) {
                assertEquals(
                        descriptionColumn,
                        lines.get(at).length() - lines.get(at).stripLeading().length());
                rest.add(lines.get(at).strip());
                at++;
            }
            String text = String.join(" ", rest);
            boolean plain = info.fixable().equals("yes") || info.fixable().equals("no");
            assertEquals(plain ? info.fixable() : "depends", first.group(3), info.id());
            assertEquals(plain ? info.summary() : info.summary() + " fixable: " + info.fixable(), text, info.id());
        }
        assertEquals(lines.size(), at, "nothing after the last rule");
    }

    @Test
    void aLongFixabilityIsSpelledOutBelowTheDescription() {
        RuleInfo info = new RuleInfo(
                "a-rule",
                Severity.WARNING,
                "when the chart exposes router.replicas / router.replica_count (or with workflow.fix.manifests)",
                "Short.",
                "why",
                true,
                false,
                "remedy");
        assertEquals(
                List.of(
                        "id      severity  fixable  description",
                        "a-rule  warning   depends  Short.",
                        "                           fixable: when the chart exposes router.replicas /",
                        "                           router.replica_count (or with workflow.fix.manifests)"),
                RuleTable.lines(List.of(info)));
    }

    @Test
    void wrapBreaksAtSpacesAndLetsALongerWordStandAlone() {
        assertEquals(List.of("aa bb", "cc"), RuleTable.wrap("aa bb cc", 5));
        assertEquals(List.of("a", "abcdefgh", "b"), RuleTable.wrap("a abcdefgh b", 5));
        assertEquals(List.of("one"), RuleTable.wrap("  one  ", 10));
    }
}
