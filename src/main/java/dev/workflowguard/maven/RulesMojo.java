package dev.workflowguard.maven;

import dev.workflowguard.report.RuleTable;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Prints the rule catalogue: id, default severity, whether `workflow:fix` corrects it, and what it finds. */
@Mojo(name = "rules", threadSafe = true, requiresProject = false)
public class RulesMojo extends AbstractMojo {

    /** Skips every workflow-guard goal. */
    @Parameter(property = "workflow.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Override
    public void execute() {
        Log log = new ConsoleLog(null, getLog());
        if (project != null && project.getBasedir() != null) {
            UnknownConfiguration.warn(
                    mojoExecution, project, project.getBasedir().toPath(), log);
        }
        if (skip) {
            log.info("workflow-guard: rules skipped");
            return;
        }
        RuleTable.lines().forEach(log::info);
    }
}
