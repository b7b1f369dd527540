package dev.workflowguard.fix;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.yaml.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a fix run would change: the new text of each file, which finding each edit corrects, and
 * the fixable findings whose edit was refused (with the reason).
 *
 * @param before the check the plan was made from
 * @param changes one entry per file whose text changes, in the order the files were configured
 * @param refused fixable findings whose edit could not be made safely
 */
public record FixPlan(CheckResult before, List<FileChange> changes, List<Refused> refused) {

    public FixPlan {
        changes = List.copyOf(changes);
        refused = List.copyOf(refused);
    }

    /**
     * A file's original text and the corrected one.
     *
     * @param target the real file to write (a link's target), checked writable when planned; null when
     *     not resolved yet
     */
    public record FileChange(SourceFile file, String newText, List<Applied> applied, Path target) {
        public FileChange {
            applied = List.copyOf(applied);
        }

        public SourceFile corrected() {
            return new SourceFile(file.path(), file.displayName(), newText, file.charset(), file.hasByteOrderMark());
        }
    }

    /** One edit made for one finding, described for the log ("controller.registration_mode set to admin_only"). */
    public record Applied(Finding finding, String description) {}

    /** A fixable finding whose edit was refused, and why. */
    public record Refused(Finding finding, String reason) {}

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int editCount() {
        return changes.stream().mapToInt(c -> c.applied().size()).sum();
    }

    /** The findings no edit of this plan corrects because every edit for them was refused, in plan order. */
    public List<Finding> unfixed() {
        Set<Finding> corrected = Collections.newSetFromMap(new IdentityHashMap<>());
        changes.forEach(change -> change.applied().forEach(applied -> corrected.add(applied.finding())));
        Set<Finding> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Finding> unfixed = new ArrayList<>();
        for (Refused refusal : refused) {
            if (!corrected.contains(refusal.finding()) && seen.add(refusal.finding())) {
                unfixed.add(refusal.finding());
            }
        }
        return unfixed;
    }

    /**
     * The check as the fixer sees it: a finding whose every edit was refused is not fixable, so the
     * summary, report.json, SARIF and HTML never offer `workflow:fix` for what it would not do.
     */
    public CheckResult checkResult() {
        Set<Finding> unfixed = Collections.newSetFromMap(new IdentityHashMap<>());
        unfixed.addAll(unfixed());
        if (unfixed.isEmpty()) {
            return before;
        }
        return before.withFindings(withoutFix(before.findings(), unfixed), withoutFix(before.baselined(), unfixed));
    }

    private static List<Finding> withoutFix(List<Finding> findings, Set<Finding> unfixed) {
        return findings.stream()
                .map(finding -> unfixed.contains(finding)
                        ? new Finding(
                                finding.rule(), finding.severity(), finding.cause(), finding.places(), null, List.of())
                        : finding)
                .toList();
    }
}
