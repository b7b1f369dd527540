package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.values.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a check.
 *
 * @param findings every finding, sorted by file, line and column
 * @param filesChecked how many values and manifest files were read
 * @param version the Workflow version the check assumed
 * @param notes remarks for the log (e.g. an unknown version), not findings
 * @param valuesFiles the values files read, in Helm order
 */
public record CheckResult(List<Finding> findings, int filesChecked, WorkflowVersion version, List<String> notes,
        List<SourceFile> valuesFiles) {

    public CheckResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        valuesFiles = List.copyOf(valuesFiles);
    }

    public Map<Severity, Integer> countBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    /** The findings at or above a threshold; none when the threshold is null (`failOnSeverity=none`). */
    public List<Finding> atOrAbove(Severity threshold) {
        if (threshold == null) {
            return List.of();
        }
        return findings.stream().filter(f -> f.severity().atLeast(threshold)).toList();
    }

    public long fixableCount() {
        return findings.stream().filter(Finding::fixable).count();
    }
}
