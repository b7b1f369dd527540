package dev.workflowguard.maven;

import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.values.ValuesPath;

/** How the fix goal describes what it did. */
final class FixWords {

    private FixWords() {
    }

    static String describe(ProposedFix fix) {
        String value = fix.quoted() ? "\"" + fix.value() + "\"" : fix.value();
        return new ValuesPath(fix.path()) + " set to " + value;
    }

    static String files(FixPlan plan) {
        int files = plan.changes().size();
        int edits = plan.editCount();
        return files + (files == 1 ? " file" : " files") + " (" + edits + (edits == 1 ? " value" : " values") + ")";
    }
}
