package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.suppress.SuppressedFinding;
import java.util.List;

/**
 * The stage that keeps the edits of committed manifests the rules proposed only when the user asked
 * for them ({@code workflow.fix.manifests}), and counts the findings that have one either way: a fix
 * run without the option (whose checker has the rules propose them) tells from that count that more
 * could be corrected there, without checking again.
 *
 * @param active the findings that can fail the build
 * @param baselined the findings the baseline accepts
 * @param suppressed the findings a suppression accepts
 * @param fixableInManifests how many of {@code active} an edit of the committed manifests would
 *     correct, of those the rules proposed
 */
record ManifestFixOptIn(
        List<Finding> active, List<Finding> baselined, List<SuppressedFinding> suppressed, int fixableInManifests) {

    static ManifestFixOptIn apply(boolean asked, BaselineComparison baseline, Suppressions suppressions) {
        int fixable = (int) baseline.fresh().stream()
                .filter(ManifestFixOptIn::hasManifestFixes)
                .count();
        if (asked) {
            return new ManifestFixOptIn(baseline.fresh(), baseline.accepted(), suppressions.suppressed(), fixable);
        }
        return new ManifestFixOptIn(
                withoutManifestFixes(baseline.fresh()),
                withoutManifestFixes(baseline.accepted()),
                suppressions.suppressed().stream()
                        .map(s -> hasManifestFixes(s.finding())
                                ? new SuppressedFinding(withoutManifestFixes(s.finding()), s.suppression())
                                : s)
                        .toList(),
                fixable);
    }

    private static boolean hasManifestFixes(Finding finding) {
        return !finding.manifestFixes().isEmpty();
    }

    private static List<Finding> withoutManifestFixes(List<Finding> findings) {
        return findings.stream().map(ManifestFixOptIn::withoutManifestFixes).toList();
    }

    private static Finding withoutManifestFixes(Finding finding) {
        return hasManifestFixes(finding)
                ? new Finding(finding.rule(), finding.severity(), finding.cause(), finding.places(), finding.fix())
                : finding;
    }
}
