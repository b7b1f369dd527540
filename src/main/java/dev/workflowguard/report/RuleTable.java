package dev.workflowguard.report;

import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule catalogue as a plain-text table, for the `rules` goal. No column is padded to its longest entry: the
 * description wraps under its own column, and a fixability that is a condition rather than a plain yes or no reads
 * "depends" in its column and is spelled out on a line of its own below the description. So every line fits
 * {@link #WIDTH} columns, and with Maven's "[INFO] " in front, a 100-column terminal.
 */
public final class RuleTable {

    /** The widest line, without Maven's 7-column "[INFO] " prefix. */
    public static final int WIDTH = 92;

    private static final String CONDITIONAL = "depends";

    private RuleTable() {}

    public static List<String> lines() {
        return lines(RuleCatalogue.infos());
    }

    static List<String> lines(List<RuleInfo> rules) {
        int idWidth =
                Math.max(2, rules.stream().mapToInt(r -> r.id().length()).max().orElse(0));
        int fixWidth = Math.max("fixable".length(), CONDITIONAL.length());
        String format = "%-" + idWidth + "s  %-8s  %-" + fixWidth + "s  %s";
        String indent = " ".repeat(idWidth + 2 + 8 + 2 + fixWidth + 2);
        int textWidth = WIDTH - indent.length();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "id", "severity", "fixable", "description")
                .stripTrailing());
        for (RuleInfo rule : rules) {
            boolean plain = rule.fixable().equals("yes") || rule.fixable().equals("no");
            List<String> description = wrap(rule.summary(), textWidth);
            lines.add(String.format(
                    format,
                    rule.id(),
                    rule.defaultSeverity().id(),
                    plain ? rule.fixable() : CONDITIONAL,
                    description.get(0)));
            description.stream().skip(1).map(line -> indent + line).forEach(lines::add);
            if (!plain) {
                wrap("fixable: " + rule.fixable(), textWidth).stream()
                        .map(line -> indent + line)
                        .forEach(lines::add);
            }
        }
        return lines;
    }

    /** The text in lines of at most {@code width} characters, broken at spaces (a longer word stands alone). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
