package dev.workflowguard.maven;

import dev.workflowguard.fix.FixPlan;

/** How the fix goal describes what it did. */
final class FixWords {

    private FixWords() {
    }

    static String files(FixPlan plan) {
        int files = plan.changes().size();
        int edits = plan.editCount();
        return files + (files == 1 ? " file" : " files") + " (" + edits + (edits == 1 ? " value" : " values") + ")";
    }
}
