package dev.workflowguard.maven;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.report.FixReport;
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
        // Both checks count what edits of the committed manifests would correct: the hint below needs no third.
        Checker checker = new Checker().countingManifestFixes();
        Fixer fixer = new Fixer(checker);
        FixPlan plan;
        try {
            plan = fixer.plan(request, checker.check(request), fixTarget);
        } catch (InputException e) {
            throw configurationError(e);
        }
        FixReport report = new FixReport(new LogConsole(log), plan);
        SafeWriter writer = new SafeWriter(baseDirectory());
        leftovers(writer, plan, report);
        report.planned();
        CheckResult after;
        try {
            if (dryRun) {
                Path patch = outputDirectory().resolve("fix.patch");
                try {
                    // The same checks a real run makes before its first write: the dry run refuses what it would.
                    writer.check(plan.changes());
                } catch (SafeWriter.RefusedException e) {
                    Files.deleteIfExists(patch); // an earlier run's patch must not be taken for this one's
                    throw new MojoExecutionException(report.dryRunRefused(e.getMessage()));
                }
                report.dryRun(PatchFile.write(patch, baseDirectory(), plan), display(patch));
            } else {
                try {
                    writer.writeAll(plan.changes());
                } catch (SafeWriter.RefusedException e) {
                    throw new MojoExecutionException(report.writeRefused(e.getMessage()));
                }
                report.written();
            }
            // The inputs have changed (or would have, in a dry run): check them again to list what remains.
            after = fixer.recheck(request, plan, fixTarget);
        } catch (IOException e) {
            throw new MojoExecutionException("workflow-guard fix: " + e.getMessage());
        } catch (InputException e) {
            throw configurationError(e);
        }
        if (!fixManifests && manifests != null && !manifests.isEmpty()) {
            // What the manifests' edits would still correct, counted by the checks already made: after this run's
            // writes, or, in a dry run, in the files as they are.
            report.manifestHint(dryRun ? plan.before() : after);
        }
        report.remaining(after, dryRun);
    }

    /**
     * Temporary files a killed fix left next to the values files hold values, credentials included, and
     * `git add -A` would pick them up: a run removes them and says so; a dry run only says so.
     */
    private void leftovers(SafeWriter writer, FixPlan plan, FixReport report) {
        List<SourceFile> files = new ArrayList<>(plan.before().valuesFiles());
        plan.changes().forEach(change -> files.add(change.file()));
        for (Path leftover : writer.leftovers(files)) {
            String shown = writer.display(leftover);
            if (dryRun) {
                report.leftoverKept(shown);
                continue;
            }
            try {
                if (writer.removeLeftover(leftover)) {
                    report.leftoverRemoved(shown);
                }
            } catch (IOException e) {
                report.leftoverNotRemoved(shown, e.getMessage());
            }
        }
    }
}
