package dev.workflowguard.maven;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.suppress.Baseline;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the current findings to a baseline file, so that `check` with {@code <baseline>} fails only
 * on new ones. Run it again after fixing findings to shrink the baseline.
 */
@Mojo(name = "baseline", threadSafe = true, requiresProject = false)
public class BaselineMojo extends AbstractWorkflowMojo {

    /** The baseline file to write, relative to the project. */
    @Parameter(property = "workflow.baseline", defaultValue = "workflow-baseline.json")
    protected String baseline;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (runForEachModule("done")) {
            return;
        }
        if (skip) {
            getLog().info("workflow-guard: baseline skipped");
            ModuleRun.skipped(getPluginContext());
            return;
        }
        CheckResult result;
        // Written from every current finding that no suppression accepts, whatever an older baseline says.
        try (ProgressLog progress = new ProgressLog(getLog())) {
            result = new Checker(progress).check(request(FixOptions.DEFAULTS).build());
        } catch (InputException e) {
            throw configurationError(e);
        }
        Path file =
                baseDirectory().resolve(baseline == null || baseline.isBlank() ? "workflow-baseline.json" : baseline);
        try {
            Baseline.write(file, result.findings(), toolVersion());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + display(file) + ": " + e.getMessage());
        }
        int count = result.findings().size();
        getLog().info("workflow-guard: wrote " + count + (count == 1 ? " finding" : " findings") + " to "
                + display(file)
                + "; with <baseline>" + display(file) + "</baseline> (or -Dworkflow.baseline=" + display(file)
                + "), check fails only on new findings");
    }
}
