package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.suppress.SuppressedFinding;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.yaml.SourceFile;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The outcome of a check.
 *
 * @param findings every finding, sorted by file, line and column
 * @param filesChecked how many files were read: values files, manifest files and, when a chart was
 *     rendered, every file of the chart
 * @param version the Workflow version the check assumed
 * @param notes remarks for the log (e.g. an unknown version), not findings
 * @param valuesFiles the values files read, in Helm order
 * @param suppressed findings a suppression accepts (never failing)
 * @param baselined findings the baseline accepts (never failing)
 * @param fixedSinceBaseline baseline entries no finding matches any more
 * @param checkedFiles every file checked, as displayed (values files, then manifests)
 * @param secrets the credentials found in the inputs, for masking what is shown (diffs)
 * @param chart the chart rendered, as configured (`charts/workflow`), or null when none was
 * @param chartFiles how many of {@code filesChecked} are the chart's files
 * @param effectiveValues Helm's view of the values files (and --set) over the chart defaults, or null
 *     without values; a fix proves against it that it changes only the keys it reports
 * @param fixableInManifests how many of {@code findings} an edit of the committed manifests would
 *     correct (with `workflow.fix.manifests`): counted when such edits are asked for, or when the
 *     checker counts them though they are not ({@link Checker#countingManifestFixes()}); else 0
 */
public record CheckResult(
        List<Finding> findings,
        int filesChecked,
        WorkflowVersion version,
        List<String> notes,
        List<SourceFile> valuesFiles,
        List<SuppressedFinding> suppressed,
        List<Finding> baselined,
        List<Baseline.Entry> fixedSinceBaseline,
        List<String> checkedFiles,
        SecretMask secrets,
        String chart,
        int chartFiles,
        EffectiveValues effectiveValues,
        int fixableInManifests) {

    public CheckResult(
            List<Finding> findings,
            int filesChecked,
            WorkflowVersion version,
            List<String> notes,
            List<SourceFile> valuesFiles) {
        this(
                findings,
                filesChecked,
                version,
                notes,
                valuesFiles,
                List.of(),
                List.of(),
                List.of(),
                valuesFiles.stream().map(SourceFile::displayName).toList(),
                SecretMask.NONE,
                null,
                0,
                null,
                0);
    }

    public CheckResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        valuesFiles = List.copyOf(valuesFiles);
        suppressed = List.copyOf(suppressed);
        baselined = List.copyOf(baselined);
        fixedSinceBaseline = List.copyOf(fixedSinceBaseline);
        checkedFiles = List.copyOf(checkedFiles);
    }

    /** The same outcome with other findings: what a fix planned from it knows to be fixable, say. */
    public CheckResult withFindings(List<Finding> active, List<Finding> accepted) {
        return new CheckResult(
                active,
                filesChecked,
                version,
                notes,
                valuesFiles,
                suppressed,
                accepted,
                fixedSinceBaseline,
                checkedFiles,
                secrets,
                chart,
                chartFiles,
                effectiveValues,
                fixableInManifests);
    }

    /**
     * What was read, in words: "3 files", or with a chart "2 files and chart charts/workflow (17 files)"
     * (a chart is counted as the files Helm reads from it), or "chart charts/workflow (17 files)" alone.
     */
    public String filesInWords() {
        int own = filesChecked - chartFiles;
        if (chart == null) {
            return own + (own == 1 ? " file" : " files");
        }
        String rendered = "chart " + chart + " (" + chartFiles + (chartFiles == 1 ? " file)" : " files)");
        return own == 0 ? rendered : own + (own == 1 ? " file and " : " files and ") + rendered;
    }

    /** Every finding the rules reported, whatever accepted it: the baseline goal writes these. */
    public List<Finding> allFindings() {
        return Stream.of(
                        findings.stream(),
                        baselined.stream(),
                        suppressed.stream().map(SuppressedFinding::finding))
                .flatMap(s -> s)
                .toList();
    }

    public Map<Severity, Integer> countBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        Arrays.stream(Severity.values()).forEach(severity -> counts.put(severity, 0));
        findings.forEach(finding -> counts.merge(finding.severity(), 1, Integer::sum));
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
