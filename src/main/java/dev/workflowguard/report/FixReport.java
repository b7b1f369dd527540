package dev.workflowguard.report;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.secrets.SecretMask;

/** How the fix goal tells what it corrects, refuses and leaves for a person; credentials always masked. */
public final class FixReport {

    private static final String LEFTOVER =
            " a temporary file an interrupted fix left behind (it may hold values and credentials)";

    private final Console console;
    private final FixPlan plan;
    private final SecretMask secrets;

    /** @param plan the plan being written, whose check knows the credentials to mask */
    public FixReport(Console console, FixPlan plan) {
        this.console = console;
        this.plan = plan;
        this.secrets = plan.before().secrets();
    }

    /** Each edit of the plan, then each correction refused and why. */
    public void planned() {
        for (FixPlan.FileChange change : plan.changes()) {
            for (FixPlan.Applied applied : change.applied()) {
                console.info(change.file().displayName() + ": " + applied.description() + " ["
                        + applied.finding().rule() + "]");
            }
        }
        for (FixPlan.Refused refused : plan.refused()) {
            console.warn(refused.finding().location() + ": not fixed ["
                    + refused.finding().rule() + "]: " + secrets.mask(refused.reason()));
        }
    }

    /** A leftover a dry run found and a real run would remove. */
    public void leftoverKept(String shown) {
        console.warn("workflow-guard fix (dry run): " + shown + " is" + LEFTOVER + "; a real run removes it");
    }

    public void leftoverRemoved(String shown) {
        console.warn("workflow-guard fix: removed " + shown + "," + LEFTOVER);
    }

    public void leftoverNotRemoved(String shown, String why) {
        console.warn("workflow-guard fix: " + shown + " is" + LEFTOVER + " and could not be removed (" + why
                + "); delete it");
    }

    /** Why a dry run writes no patch: what the real run would refuse before its first write. */
    public String dryRunRefused(String why) {
        return "workflow-guard fix (dry run): a real run would write nothing: " + secrets.mask(why);
    }

    /** Why a run wrote nothing. */
    public String writeRefused(String why) {
        return "workflow-guard fix: " + secrets.mask(why);
    }

    /** The patch a dry run would apply, credentials masked (the patch file itself is exact), then its outcome. */
    public void dryRun(String diff, String patch) {
        if (!diff.isEmpty()) {
            console.info("workflow-guard fix (dry run): this patch would be applied:");
            diff.lines().map(secrets::maskLine).forEach(console::info);
        }
        console.info(dryRunOutcome(plan, patch));
    }

    /** The last line of a run that wrote the plan. */
    public void written() {
        console.info(outcome(plan));
    }

    /**
     * Tells a user with committed manifests who did not ask for their edits that more can be corrected
     * there.
     *
     * @param checked the check that counted the findings an edit of the manifests would correct
     */
    public void manifestHint(CheckResult checked) {
        int more = checked.fixableInManifests();
        if (more > 0) {
            console.info("workflow-guard fix: " + more + (more == 1 ? " finding" : " findings") + " can also be "
                    + "corrected in the committed manifests with -Dworkflow.fix.manifests=true");
        }
    }

    /** What the check after the fix still finds: nothing, or each finding, which needs a person. */
    public void remaining(CheckResult after, boolean dryRun) {
        if (after.findings().isEmpty()) {
            console.info("workflow-guard: nothing remains; `mvn workflow:check` passes.");
            return;
        }
        if (!dryRun) {
            // Every edit is proven by parsing again and merging again, and refused findings are no longer fixable, so a
            // fixable finding that survives would mean a second run changes more: say so rather than hide it.
            after.findings().stream()
                    .filter(f -> f.fixable())
                    .forEach(f -> console.warn(f.location() + ": still reported after the fix [" + f.rule() + "]; the "
                            + "edit did not take effect (please report this to workflow-guard)"));
        }
        console.info("workflow-guard: " + after.findings().size()
                + (after.findings().size() == 1 ? " finding remains" : " findings remain")
                + (dryRun ? " after this patch" : "") + "; each needs a person:");
        ConsoleReport.lines(after).forEach(line -> console.log(line.severity(), line.text()));
    }

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

    private static String files(FixPlan plan) {
        int files = plan.changes().size();
        int edits = plan.editCount();
        return files + (files == 1 ? " file" : " files") + " (" + edits + (edits == 1 ? " value" : " values") + ")";
    }
}
