package dev.workflowguard.maven;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.report.ConsoleReport;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.yaml.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the corrections for every fixable finding into the values files, changing nothing but
 * the corrected values, then checks again and lists what still needs a person.
 */
@Mojo(name = "fix", threadSafe = true, requiresProject = false)
public class FixMojo extends AbstractWorkflowMojo {

    /** The values file that receives keys no file sets yet (chart defaults); default: the last values file. */
    @Parameter(property = "workflow.fix.target")
    protected String fixTarget;

    /** The registration mode written for open-registration: admin_only or disabled. */
    @Parameter(property = "workflow.fix.registrationMode", defaultValue = "admin_only")
    protected String registrationMode;

    /** The storage backend written for minio-storage (s3, gcs, azure, swift); without it, Minio is left alone. */
    @Parameter(property = "workflow.fix.storage")
    protected String storage;

    /** CIDRs (comma-separated) written as the router's default whitelist for no-ip-whitelist. */
    @Parameter(property = "workflow.fix.whitelist")
    protected String whitelist;

    /** Also edit committed rendered manifests in place (router replicas, router annotations, env values). */
    @Parameter(property = "workflow.fix.manifests", defaultValue = "false")
    protected boolean fixManifests;

    /** Write nothing; print the diff and write it to target/workflow/fix.patch. */
    @Parameter(property = "workflow.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** Skips this goal only. */
    @Parameter(property = "workflow.fix.skip", defaultValue = "false")
    protected boolean fixSkip;

    /** Tells a user with committed manifests that more can be fixed there, when they did not ask for it. */
    private void hintAboutManifests(Fixer fixer, CheckRequest request, FixOptions options, Log log)
            throws InputException, MojoExecutionException {
        if (fixManifests || manifests == null || manifests.isEmpty()) {
            return;
        }
        FixOptions withManifests =
                new FixOptions(options.registrationMode(), options.storage(), options.whitelist(), true);
        long more = new dev.workflowguard.check.Checker()
                .check(request(withManifests).build()).findings().stream()
                        .filter(f -> !f.manifestFixes().isEmpty())
                        .count();
        if (more > 0) {
            log.info("workflow-guard fix: " + more + (more == 1 ? " finding" : " findings") + " can also be corrected "
                    + "in the committed manifests with -Dworkflow.fix.manifests=true");
        }
    }

    /**
     * Temporary files a killed fix left next to the values files hold values, credentials included, and
     * `git add -A` would pick them up: a run removes them and says so; a dry run only says so.
     */
    private void leftovers(SafeWriter writer, FixPlan plan, Log log) {
        List<SourceFile> files = new ArrayList<>(plan.before().valuesFiles());
        plan.changes().forEach(change -> files.add(change.file()));
        for (Path leftover : writer.leftovers(files)) {
            String shown = writer.display(leftover);
            String what = " a temporary file an interrupted fix left behind (it may hold values and credentials)";
            if (dryRun) {
                log.warn("workflow-guard fix (dry run): " + shown + " is" + what + "; a real run removes it");
                continue;
            }
            try {
                if (writer.removeLeftover(leftover)) {
                    log.warn("workflow-guard fix: removed " + shown + "," + what);
                }
            } catch (IOException e) {
                log.warn("workflow-guard fix: " + shown + " is" + what + " and could not be removed (" + e.getMessage()
                        + "); delete it");
            }
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (runForEachModule("done")) {
            return;
        }
        Log log = getLog();
        if (skip || fixSkip) {
            log.info("workflow-guard: fix skipped");
            ModuleRun.skipped(getPluginContext());
            return;
        }
        FixOptions options;
        try {
            options = new FixOptions(registrationMode, storage, whitelist, fixManifests);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        CheckRequest request = request(options).build();
        Fixer fixer = new Fixer();
        FixPlan plan;
        try {
            plan = fixer.plan(request, fixTarget);
        } catch (InputException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        SafeWriter writer = new SafeWriter(baseDirectory());
        leftovers(writer, plan, log);
        for (FixPlan.FileChange change : plan.changes()) {
            for (FixPlan.Applied applied : change.applied()) {
                log.info(change.file().displayName() + ": " + applied.description() + " ["
                        + applied.finding().rule() + "]");
            }
        }
        for (FixPlan.Refused refused : plan.refused()) {
            log.warn(refused.finding().location() + ": not fixed ["
                    + refused.finding().rule() + "]: " + plan.before().secrets().mask(refused.reason()));
        }
        CheckResult after;
        try {
            if (dryRun) {
                Path patch = outputDirectory().resolve("fix.patch");
                try {
                    // The same checks a real run makes before its first write: the dry run refuses what it would.
                    writer.check(plan.changes());
                } catch (SafeWriter.RefusedException e) {
                    Files.deleteIfExists(patch); // an earlier run's patch must not be taken for this one's
                    throw new MojoExecutionException("workflow-guard fix (dry run): a real run would write nothing: "
                            + plan.before().secrets().mask(e.getMessage()));
                }
                String diff = PatchFile.write(patch, baseDirectory(), plan);
                if (!diff.isEmpty()) {
                    log.info("workflow-guard fix (dry run): this patch would be applied:");
                    // The patch file is exact (git apply needs it); what is shown has credentials masked.
                    diff.lines().map(plan.before().secrets()::maskLine).forEach(log::info);
                }
                log.info(FixWords.dryRunOutcome(plan, display(patch)));
            } else {
                try {
                    writer.writeAll(plan.changes());
                } catch (SafeWriter.RefusedException e) {
                    throw new MojoExecutionException(
                            "workflow-guard fix: " + plan.before().secrets().mask(e.getMessage()));
                }
                log.info(FixWords.outcome(plan));
            }
            after = fixer.recheck(request, plan, fixTarget);
            hintAboutManifests(fixer, request, options, log);
        } catch (IOException e) {
            throw new MojoExecutionException("workflow-guard fix: " + e.getMessage());
        } catch (InputException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        if (after.findings().isEmpty()) {
            log.info("workflow-guard: nothing remains; `mvn workflow:check` passes.");
            return;
        }
        if (!dryRun) {
            // Every edit is proven by parsing again and merging again, and refused findings are no longer fixable, so a
            // fixable finding that survives would mean a second run changes more: say so rather than hide it.
            after.findings().stream()
                    .filter(f -> f.fixable())
                    .forEach(f -> log.warn(f.location() + ": still reported after the fix [" + f.rule() + "]; the "
                            + "edit did not take effect (please report this to workflow-guard)"));
        }
        log.info("workflow-guard: " + after.findings().size()
                + (after.findings().size() == 1 ? " finding remains" : " findings remain")
                + (dryRun ? " after this patch" : "") + "; each needs a person:");
        for (ConsoleReport.Line line : ConsoleReport.lines(after)) {
            switch (line.severity()) {
                case ERROR -> log.error(line.text());
                case WARNING -> log.warn(line.text());
                default -> log.info(line.text());
            }
        }
    }
}
