package dev.workflowguard.fix;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.yaml.SourceFile;
import java.util.List;

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

    /** A file's original text and the corrected one. */
    public record FileChange(SourceFile file, String newText, List<Applied> applied) {
        public FileChange {
            applied = List.copyOf(applied);
        }

        public SourceFile corrected() {
            return new SourceFile(file.path(), file.displayName(), newText, file.charset(), file.hasByteOrderMark());
        }
    }

    /** One edit made for one finding, described for the log ("controller.registration_mode set to admin_only"). */
    public record Applied(Finding finding, String description) {
    }

    /** A fixable finding whose edit was refused, and why. */
    public record Refused(Finding finding, String reason) {
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int editCount() {
        return changes.stream().mapToInt(c -> c.applied().size()).sum();
    }
}
