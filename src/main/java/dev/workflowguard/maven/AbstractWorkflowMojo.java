package dev.workflowguard.maven;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Location;
import dev.workflowguard.render.HelmLibrary;
import dev.workflowguard.render.RenderCache;
import dev.workflowguard.report.ReportPaths;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.suppress.ConfiguredSuppression;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlLimits;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/** The configuration every goal that reads values and manifests shares. */
abstract class AbstractWorkflowMojo extends AbstractMojo {

    /** {@code file:line:} at the start of a message. */
    private static final Pattern STARTS_AT_A_PLACE = Pattern.compile("\\S+:\\d+[:\\s]");

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    /**
     * Resolves Helm's Java library when a chart is rendered (it is not a dependency of the plugin).
     * {@code @Component} is deprecated in favour of JSR-330 constructor injection, which every goal and
     * the mojo tests would have to take up; Maven 3.9 and 4 both still inject it without a warning
     * (the maven4 IT checks).
     */
    @SuppressWarnings("deprecation")
    @Component
    protected RepositorySystem repositorySystem;

    /** This execution: its id, and whether it was typed on the command line (a goal typed at a reactor root). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /** Runs the goal for each module when it was typed at the root of a multi-module build. */
    @SuppressWarnings("deprecation")
    @Component
    protected BuildPluginManager buildPluginManager;

    /** Configures each module's run exactly as Maven configures a goal typed on the command line. */
    @SuppressWarnings("deprecation")
    @Component
    protected LifecycleExecutor lifecycleExecutor;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    protected RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true)
    protected List<RemoteRepository> pluginRepositories;

    /** Helm values files in the order given to Helm (later files win); comma-separated on the command line. */
    @Parameter(property = "workflow.values")
    protected List<String> valuesFiles;

    /** Rendered manifest files or folders (searched recursively for *.yaml and *.yml). */
    @Parameter(property = "workflow.manifests")
    protected List<String> manifests;

    /** The Workflow release the values target, e.g. 2.11.0; decides chart defaults that changed across releases. */
    @Parameter(property = "workflow.version")
    protected String workflowVersion;

    /** Rule ids not to run; comma-separated on the command line. */
    @Parameter(property = "workflow.disabledRules")
    protected List<String> disabledRules;

    /** Per-rule severity overrides, e.g. {@code <severities><no-ip-whitelist>warning</no-ip-whitelist></severities>}. */
    @Parameter
    protected Map<String, String> severities;

    /**
     * A TLS certificate managed outside the chart (cert-manager, a load balancer configured elsewhere),
     * described in words; declaring one satisfies {@code tls-missing}.
     */
    @Parameter(property = "workflow.externalCertificate")
    protected String externalCertificate;

    /** Largest file read, in MiB. */
    @Parameter(property = "workflow.maxFileSizeMb", defaultValue = "64")
    protected int maxFileSizeMb;

    /** Deepest YAML nesting accepted (rendered CRDs can nest deeply). */
    @Parameter(property = "workflow.maxNestingDepth", defaultValue = "256")
    protected int maxNestingDepth;

    /**
     * Most aliases to collections ({@code *name} of an anchored mapping or list) one YAML document may
     * use; values files that share settings through anchors may need more. Alias bombs stay refused
     * whatever this is: a document may never expand to more than 1,000,000 nodes.
     */
    @Parameter(property = "workflow.maxAliases", defaultValue = "100")
    protected int maxAliases;

    /**
     * The Workflow chart to render with Helm, in-process: a chart folder (subcharts vendored under
     * charts/) or a .tgz. Its own values.yaml files then provide the defaults and its Chart.yaml
     * version the Workflow version.
     */
    @Parameter(property = "workflow.chart")
    protected String chart;

    /** The release name the chart is rendered with ({@code helm template <releaseName>}). */
    @Parameter(property = "workflow.releaseName", defaultValue = "deis")
    protected String releaseName;

    /** The namespace the chart is rendered into. */
    @Parameter(property = "workflow.namespace", defaultValue = "deis")
    protected String namespace;

    /** Helm --set expressions (a.b=c, a[0]=x, a={x,y}), applied after the values files, with Helm's typing. */
    @Parameter(property = "workflow.set")
    protected List<String> setValues;

    /**
     * Accepted findings, each with a mandatory reason:
     * {@code <suppression><rule>ID</rule><reason>WHY</reason><until>YYYY-MM-DD</until></suppression>}, narrowed
     * by {@code <file>} (a glob such as values/*.yaml), {@code <valuesPath>} or {@code <object>} (Kind/name).
     */
    @Parameter
    protected List<SuppressionEntry> suppressions;

    /** Skips every workflow-guard goal. */
    @Parameter(property = "workflow.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Where reports are written. Default: ${project.build.directory}/workflow; a check execution other than the
     * default one, in a POM with several check executions, writes to
     * ${project.build.directory}/workflow/&lt;executionId&gt;.
     */
    @Parameter
    protected File outputDirectory;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;

    /** The POM's suppressions, each located at its `<suppression>` element in pom.xml. */
    protected List<ConfiguredSuppression> configuredSuppressions() {
        List<ConfiguredSuppression> out = new ArrayList<>();
        if (suppressions == null) {
            return out;
        }
        Path pom = project != null && project.getFile() != null
                ? project.getFile().toPath()
                : baseDirectory().resolve("pom.xml");
        String text = "";
        try {
            text = Files.isRegularFile(pom) ? Files.readString(pom) : "";
        } catch (IOException e) {
            // the positions are only for messages; without the text every entry points at line 1
        }
        SourceFile file = new SourceFile(pom, display(pom), text, StandardCharsets.UTF_8, false);
        // Search outside XML comments: a comment that mentions <suppression> is not an entry.
        String elements = withoutComments(text);
        int from = 0;
        for (SuppressionEntry entry : suppressions) {
            int at = elements.indexOf("<suppression>", from);
            TextPosition position = at < 0 ? TextPosition.START : file.positionOf(text.codePointCount(0, at));
            from = at < 0 ? from : at + 1;
            out.add(new ConfiguredSuppression(
                    entry.rule,
                    entry.file,
                    entry.valuesPath,
                    entry.object,
                    entry.reason,
                    entry.until,
                    new Location(file, position)));
        }
        return out;
    }

    /** The text with each XML comment blanked out (same length, so offsets still point into the original). */
    static String withoutComments(String xml) {
        StringBuilder out = new StringBuilder(xml);
        int start = xml.indexOf("<!--");
        while (start >= 0) {
            int end = xml.indexOf("-->", start + 4);
            end = end < 0 ? xml.length() : end + 3;
            for (int i = start; i < end; i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
            start = xml.indexOf("<!--", end);
        }
        return out.toString();
    }

    /** The project base directory, or the current folder when Maven runs without a POM. */
    protected Path baseDirectory() {
        if (project != null && project.getBasedir() != null) {
            return project.getBasedir().toPath();
        }
        if (session != null
                && session.getRequest() != null
                && session.getRequest().getBaseDirectory() != null) {
            return Path.of(session.getRequest().getBaseDirectory());
        }
        return Path.of("").toAbsolutePath();
    }

    /** The configured output folder, or ${project.build.directory}/workflow (target/workflow without a POM). */
    protected Path outputDirectory() {
        if (outputDirectory != null) {
            return outputDirectory.toPath();
        }
        String build = project == null || project.getBuild() == null
                ? null
                : project.getBuild().getDirectory();
        // Without a POM, Maven's stub project leaves ${project.basedir} unexpanded in the build directory.
        Path target = build == null || build.contains("${") ? baseDirectory().resolve("target") : Path.of(build);
        return target.resolve("workflow");
    }

    /**
     * The build's error for a configuration or input problem. A message that does not start at a place of its own
     * (an unknown rule id in {@code <disabledRules>}, a file that does not exist) starts where the POM writes the
     * parameter concerned, as every other message starts at the line to change.
     */
    protected MojoExecutionException configurationError(InputException e) {
        String message = e.getMessage();
        if (e.parameter() == null || STARTS_AT_A_PLACE.matcher(message).lookingAt()) {
            return new MojoExecutionException(message);
        }
        for (String concerned : e.parameter().split(", ")) {
            String name = concerned.split(" / ")[0].strip();
            String place = UnknownConfiguration.placeOf(mojoExecution, project, baseDirectory(), name, message);
            if (place != null) {
                return new MojoExecutionException(place + ": " + message);
            }
        }
        return new MojoExecutionException(message);
    }

    /** A path as shown in messages: relative to the base directory when inside it. */
    protected String display(Path path) {
        return ReportPaths.shown(baseDirectory(), path);
    }

    protected String toolVersion() {
        return pluginVersion == null || pluginVersion.startsWith("${") ? "unknown" : pluginVersion;
    }

    /**
     * Maven's log, in characters the console can show; in a run for one module of a multi-module build (see
     * {@link #runForEachModule}), every line starts with the module's label.
     */
    @Override
    public Log getLog() {
        String module = ModuleRun.label(getPluginContext());
        return new ConsoleLog(module, super.getLog());
    }

    /**
     * Runs this goal for each module of the build when it was typed on the command line at the root of a
     * multi-module build, and returns true; otherwise warns about the elements of its configuration that configure
     * nothing (each module's run does that for itself) and returns false, and the goal runs here.
     * Maven runs a goal without a required project once, at the top-level project, when it is typed on the
     * command line (it treats it as an aggregator); without this, {@code mvn workflow:check} would check the root
     * alone and report the modules as SKIPPED. The skip parameters are each module's own: the root's do not apply.
     *
     * @param doneWord the summary's word for a module where the goal succeeded
     */
    protected boolean runForEachModule(String doneWord) throws MojoExecutionException, MojoFailureException {
        if (mojoExecution == null
                || mojoExecution.getSource() != MojoExecution.Source.CLI
                || session == null
                || session.getProjects() == null
                || session.getProjects().size() < 2
                || project == null
                || project != session.getTopLevelProject()
                || ModuleRun.label(getPluginContext()) != null) {
            // The goal runs here: say first what of its configuration configures nothing (a misspelled parameter).
            UnknownConfiguration.warnProperties(mojoExecution, session, getLog());
            UnknownConfiguration.warn(mojoExecution, project, baseDirectory(), getLog());
            return false;
        }
        MojoDescriptor descriptor = mojoExecution.getMojoDescriptor();
        PluginDescriptor plugin = descriptor.getPluginDescriptor();
        String goal = (plugin.getGoalPrefix() == null ? plugin.getArtifactId() : plugin.getGoalPrefix()) + ":"
                + descriptor.getGoal();
        return new ReactorGoal(goal, doneWord, plugin.getGroupId(), plugin.getArtifactId(), getLog())
                .run(
                        session.getProjects(),
                        project,
                        session.getRequest().getReactorFailureBehavior(),
                        session.getRequest().getDegreeOfConcurrency(),
                        this::runInModule);
    }

    /**
     * Runs this goal for one module, through Maven, as Maven would had it run the goal there: in a copy of the
     * session whose current project is the module, configured as Maven configures a goal typed on the command line
     * (the module's {@code default-cli} or {@code @id} execution configuration if it has one, else its plugin-level
     * configuration, over the goal's defaults). Returns the outcome word the run left.
     */
    private String runInModule(MavenProject module, String label) throws Exception {
        MojoDescriptor descriptor = mojoExecution.getMojoDescriptor();
        PluginDescriptor plugin = descriptor.getPluginDescriptor();
        // Cloned on the thread that runs the module: the current project is per thread in Maven 3.9 and 4.
        MavenSession moduleSession = session.clone();
        moduleSession.setCurrentProject(module);
        String executionId = mojoExecution.getExecutionId();
        String task = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion() + ":"
                + descriptor.getGoal() + "@" + executionId;
        MojoExecution planned =
                lifecycleExecutor.calculateExecutionPlan(moduleSession, task).getMojoExecutions().stream()
                        .filter(e -> descriptor.getGoal().equals(e.getGoal()))
                        .findFirst()
                        .orElseThrow(() -> new MojoExecutionException("Maven planned no " + task + " for " + label));
        // This plugin's own descriptor, which holds the class realm already running: the module's run uses the same
        // classes, whatever descriptor instance planning returned.
        MojoExecution execution = new MojoExecution(descriptor, executionId, MojoExecution.Source.CLI);
        execution.setConfiguration(planned.getConfiguration());
        Map<String, Object> context = moduleSession.getPluginContext(plugin, module);
        ModuleRun.start(context, label);
        String outcome;
        try {
            buildPluginManager.executeMojo(moduleSession, execution);
        } finally {
            outcome = ModuleRun.end(context);
        }
        return outcome;
    }

    protected CheckRequest.Builder request(FixOptions fixOptions) throws MojoExecutionException {
        if (maxFileSizeMb <= 0 || maxNestingDepth <= 0) {
            throw new MojoExecutionException("maxFileSizeMb and maxNestingDepth must be positive");
        }
        if (maxAliases < 0) {
            throw new MojoExecutionException("maxAliases must not be negative");
        }
        YamlLimits limits = YamlLimits.DEFAULTS
                .withMaxFileBytes(maxFileSizeMb * 1024L * 1024L)
                .withMaxNestingDepth(maxNestingDepth)
                .withMaxAliases(maxAliases);
        return CheckRequest.builder(baseDirectory())
                .values(valuesFiles)
                .manifests(manifests)
                .workflowVersion(workflowVersion)
                .disabledRules(disabledRules)
                .severities(severities)
                .externalCertificate(externalCertificate)
                .chart(chart)
                .release(releaseName, namespace)
                .set(setValues)
                .suppressions(configuredSuppressions())
                .limits(limits)
                .fixOptions(fixOptions)
                .helmLibrary(helmLibrary())
                .renderCache(renderCache());
    }

    /**
     * Renders of the chart kept under the output folder between builds, for this plugin build only; none
     * without a chart, or where the plugin's classes are not in a jar (a development class path), or with
     * `--set` expressions: they often carry credentials injected at build time, which a render would then
     * keep on disk.
     */
    private RenderCache renderCache() {
        String build = CheckRecord.pluginBuild();
        return chart == null || chart.isBlank() || build == null || hasSetValues()
                ? null
                : new RenderCache(outputDirectory().resolve("render-cache"), build);
    }

    /** True when `--set` expressions are configured (`setValues`, `-Dworkflow.set`): values that may be secrets. */
    protected boolean hasSetValues() {
        return setValues != null && setValues.stream().anyMatch(s -> s != null && !s.isBlank());
    }

    /** Maven's resolver when running in Maven; helm-java on the class path when a test runs the goal directly. */
    private HelmLibrary helmLibrary() {
        if (repositorySystem == null || repositorySession == null) {
            return HelmLibrary.ON_CLASS_PATH;
        }
        return new ResolvedHelmLibrary(repositorySystem, repositorySession, pluginRepositories, getLog());
    }
}
