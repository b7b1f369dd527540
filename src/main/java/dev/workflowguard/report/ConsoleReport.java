package dev.workflowguard.report;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Log lines in the form compilers use, which IDEs and CI problem matchers already understand:
 * {@code <file>:<line>:<col>: <severity>: <message> [<rule-id>]}, one per place of each finding.
 */
public final class ConsoleReport {

    private ConsoleReport() {}

    /** A line to log at a severity. */
    public record Line(Severity severity, String text) {}

    public static List<Line> lines(CheckResult result) {
        List<Line> lines = new ArrayList<>();
        for (Finding finding : result.findings()) {
            for (Place place : finding.places()) {
                lines.add(new Line(finding.severity(), line(finding, place)));
            }
        }
        return lines;
    }

    public static String line(Finding finding, Place place) {
        return place.location() + ": " + finding.severity().id() + ": " + place.message() + " [" + finding.rule() + "]";
    }

    /** "workflow-guard: 2 errors, 1 warning, 0 info in 3 files (Workflow 2.11.0)." plus the fix hint. */
    public static String summary(CheckResult result) {
        Map<Severity, Integer> counts = result.countBySeverity();
        String files = result.filesInWords();
        String version =
                result.version().isSet() ? " (Workflow " + result.version().display() + ")" : "";
        if (result.findings().isEmpty()) {
            return "workflow-guard: no findings in " + files + " checked" + version + ".";
        }
        StringBuilder text = new StringBuilder("workflow-guard: ")
                .append(plural(counts.get(Severity.ERROR), "error"))
                .append(", ")
                .append(plural(counts.get(Severity.WARNING), "warning"))
                .append(", ")
                .append(counts.get(Severity.INFO))
                .append(" info in ")
                .append(files)
                .append(" checked")
                .append(version)
                .append('.');
        long fixable = result.fixableCount();
        if (fixable > 0) {
            text.append(' ')
                    .append(fixable)
                    .append(fixable == 1 ? " finding" : " findings")
                    .append(" can be corrected in the values files with `mvn workflow:fix`.");
        }
        return text.toString();
    }

    private static String plural(int count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }
}
