package dev.workflowguard.maven;

import dev.workflowguard.fix.FixPlan;

/** How the fix goal describes what it did. */
final class FixWords {

    private FixWords() {}

    /** The last line of a fix. */
    static String outcome(FixPlan plan) {
        String refused = refused(plan, "were");
        if (plan.isEmpty()) {
            if (!refused.isEmpty()) {
                return "workflow-guard fix: nothing was written: " + refused + ".";
            }
            return plan.before().valuesFiles().isEmpty()
                    ? "workflow-guard fix: nothing to fix: no values file is "
                            + "configured (valuesFiles / workflow.values) to write a correction to."
                    : "workflow-guard fix: nothing to fix; every correction workflow-guard can make is already in place.";
        }
        return "workflow-guard fix: changed " + files(plan) + (refused.isEmpty() ? "" : "; " + refused) + ".";
    }

    /** The last line of a dry run. */
    static String dryRunOutcome(FixPlan plan, String patch) {
        String refused = refused(plan, "would be");
        if (plan.isEmpty()) {
            return "workflow-guard fix (dry run): "
                    + (refused.isEmpty() ? "nothing to fix" : "nothing would be written: " + refused)
                    + "; nothing was written. Patch: " + patch + " (empty).";
        }
        return "workflow-guard fix (dry run): would change " + files(plan) + (refused.isEmpty() ? "" : "; " + refused)
                + "; nothing was written. Patch: " + patch;
    }

    /** "the corrections for 2 findings were refused, each for the reason above", or empty. */
    private static String refused(FixPlan plan, String verb) {
        int findings = plan.unfixed().size();
        if (findings == 0) {
            return "";
        }
        return (findings == 1
                        ? "the correction for 1 finding " + verb.replace("were", "was")
                        : "the corrections for " + findings + " findings " + verb)
                + " refused, for the "
                + (findings == 1 ? "reason" : "reasons") + " given above";
    }

    static String files(FixPlan plan) {
        int files = plan.changes().size();
        int edits = plan.editCount();
        return files + (files == 1 ? " file" : " files") + " (" + edits + (edits == 1 ? " value" : " values") + ")";
    }
}
