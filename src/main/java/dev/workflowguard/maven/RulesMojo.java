package dev.workflowguard.maven;

import dev.workflowguard.report.RuleTable;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints the rule catalogue: id, default severity, whether `workflow:fix` corrects it, and what it finds. */
@Mojo(name = "rules", threadSafe = true, requiresProject = false)
public class RulesMojo extends AbstractMojo {

    /** Skips every workflow-guard goal. */
    @Parameter(property = "workflow.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public void execute() {
        if (skip) {
            getLog().info("workflow-guard: rules skipped");
            return;
        }
        RuleTable.lines().forEach(getLog()::info);
    }
}
