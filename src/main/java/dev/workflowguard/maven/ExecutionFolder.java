package dev.workflowguard.maven;

import java.util.stream.Stream;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Which folder a check execution writes its reports and up-to-date record to, below the output folder:
 * none for the default execution ({@code default}, {@code default-cli}), for the only check execution of a
 * POM and for an execution that configures its own outputDirectory; a folder named after its id for any
 * other, so that two executions (staging and production values, say) do not overwrite each other.
 */
final class ExecutionFolder {

    private ExecutionFolder() {}

    /**
     * @param outputDirectoryConfigured whether an outputDirectory is configured (for the plugin or the execution)
     * @return the folder below the output folder, or null for the output folder itself
     */
    static String of(MavenProject project, MojoExecution execution, boolean outputDirectoryConfigured) {
        String id = execution == null ? null : execution.getExecutionId();
        if (id == null
                || id.equals("default")
                || id.equals("default-cli")
                || declaredExecutions(project, execution).count() < 2
                || (outputDirectoryConfigured && configuresOutputDirectory(project, execution, id))) {
            return null;
        }
        String folder = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return folder.equals(".") || folder.equals("..") ? folder.replace('.', '_') : folder;
    }

    /** True when the execution's own configuration (not the plugin's) names the output folder. */
    private static boolean configuresOutputDirectory(MavenProject project, MojoExecution execution, String id) {
        return declaredExecutions(project, execution)
                .filter(e -> id.equals(e.getId()))
                .anyMatch(e -> e.getConfiguration() instanceof Xpp3Dom configuration
                        && configuration.getChild("outputDirectory") != null);
    }

    /** The executions of this goal the project's build declares. */
    private static Stream<PluginExecution> declaredExecutions(MavenProject project, MojoExecution execution) {
        if (project == null || project.getBuildPlugins() == null) {
            return Stream.empty();
        }
        PluginDescriptor plugin = execution.getMojoDescriptor().getPluginDescriptor();
        String goal = execution.getGoal();
        return project.getBuildPlugins().stream()
                .filter(p -> plugin.getArtifactId().equals(p.getArtifactId())
                        && plugin.getGroupId().equals(p.getGroupId()))
                .flatMap(p -> p.getExecutions().stream())
                .filter(e -> e.getGoals() != null && e.getGoals().contains(goal));
    }
}
