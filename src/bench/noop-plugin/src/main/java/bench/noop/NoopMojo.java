package bench.noop;

import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Logs its configuration and does nothing else: the cost of a plugin as such. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class NoopMojo extends AbstractMojo {

    @Parameter
    private String workflowVersion;

    @Parameter
    private List<String> valuesFiles;

    @Override
    public void execute() {
        getLog().info("noop: Workflow " + workflowVersion + ", values " + valuesFiles);
    }
}
