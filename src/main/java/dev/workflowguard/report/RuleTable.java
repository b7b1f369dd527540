package dev.workflowguard.report;

import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;

/** The rule catalogue as a plain-text table, for the `rules` goal. */
public final class RuleTable {

    private RuleTable() {}

    public static List<String> lines() {
        List<RuleInfo> rules = RuleCatalogue.infos();
        int idWidth =
                Math.max(2, rules.stream().mapToInt(r -> r.id().length()).max().orElse(0));
        int fixWidth = Math.max(
                7, rules.stream().mapToInt(r -> r.fixable().length()).max().orElse(0));
        String format = "%-" + idWidth + "s  %-8s  %-" + fixWidth + "s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "id", "severity", "fixable", "description"));
        for (RuleInfo rule : rules) {
            lines.add(String.format(format, rule.id(), rule.defaultSeverity().id(), rule.fixable(), rule.summary()));
        }
        return lines;
    }
}
