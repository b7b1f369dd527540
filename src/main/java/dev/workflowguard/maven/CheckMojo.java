package dev.workflowguard.maven;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.check.InputFingerprint;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.report.CheckReporter;
import dev.workflowguard.report.DocsUrl;
import dev.workflowguard.report.GitHubAnnotations;
import dev.workflowguard.report.ReportFormat;
import dev.workflowguard.report.ReportPaths;
import dev.workflowguard.rules.FixOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks Workflow Helm values and rendered manifests against the production recommendations and
 * fails the build on findings at or above {@code failOnSeverity}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class CheckMojo extends AbstractWorkflowMojo {

    /** The lowest severity that fails the build: error, warning, info, or none. */
    @Parameter(property = "workflow.failOn", defaultValue = "error")
    protected String failOnSeverity;

    /** Skips this goal only. */
    @Parameter(property = "workflow.check.skip", defaultValue = "false")
    protected boolean checkSkip;

    /**
     * Reports to write besides report.json, comma-separated: sarif (report.sarif), junit
     * (TEST-workflow-guard.xml), html (report.html).
     */
    @Parameter(property = "workflow.formats")
    protected List<String> reportFormats;

    /**
     * Repeats the last check's outcome without checking again when nothing it depends on has changed
     * (values, manifests, baseline, the chart's files, configuration, plugin build, today's date) and its
     * reports are untouched.
     */
    @Parameter(property = "workflow.upToDateChecking", defaultValue = "true")
    protected boolean upToDateChecking;

    /**
     * Where you publish the rule pages (docs/rules of the plugin's sources), for SARIF's helpUri and the HTML
     * report's links: an http(s) address to which the rule id is appended (.../rules gives
     * .../rules/open-registration), or in which {rule} stands for the id (.../rules/{rule}.md). Unset, the reports
     * carry each rule's page themselves and link nowhere else.
     */
    @Parameter(property = "workflow.docsBaseUrl")
    protected String docsBaseUrl;

    /** A baseline written by workflow:baseline: only findings not in it fail the build. */
    @Parameter(property = "workflow.baseline")
    protected String baseline;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (runForEachModule("passed")) {
            return;
        }
        Log log = getLog();
        if (skip || checkSkip) {
            log.info("workflow-guard: check skipped");
            ModuleRun.skipped(getPluginContext());
            return;
        }
        String folder = executionFolder();
        if (folder != null) {
            log.info("workflow-guard: execution " + mojoExecution.getExecutionId() + " writes its reports to "
                    + display(outputDirectory()) + " (each check execution of this POM has its own folder)");
        }
        Severity failOn = parseFailOn();
        Set<ReportFormat> formats = parseFormats();
        DocsUrl docs = parseDocsUrl();
        CheckRequest request = request(FixOptions.DEFAULTS).baseline(baseline).build();
        // `--set` values are often secrets injected at build time: nothing derived from them is kept on disk, not even
        // a digest a weak password could be guessed back from, so such a check is made every time.
        if (upToDateChecking && hasSetValues()) {
            log.info("workflow-guard: checked every time: a check given --set values (setValues / workflow.set) "
                    + "keeps no up-to-date record, as they may be secrets");
        }
        String fingerprint = upToDateChecking && !hasSetValues() ? fingerprint(request, failOn, formats, docs) : null;
        if (fingerprint != null) {
            CheckRecord previous = CheckRecord.matching(outputDirectory(), fingerprint);
            if (previous != null) {
                log.info("workflow-guard: nothing changed since the last check; its outcome is repeated ("
                        + display(outputDirectory().resolve(CheckRecord.FILE)) + "; -Dworkflow.upToDateChecking=false "
                        + "checks again)");
                previous.replay(log, System.out);
                return;
            }
        }
        RecordingLog recording = new RecordingLog(log);
        List<String> output = new ArrayList<>();
        Map<String, String> reports = fingerprint == null ? null : new LinkedHashMap<>();
        String failure = null;
        boolean decided = false;
        try {
            check(request, failOn, formats, docs, recording, output, reports);
            decided = true;
        } catch (MojoFailureException e) {
            failure = e.getMessage();
            decided = true;
            throw e;
        } finally {
            if (decided && fingerprint != null) {
                try {
                    new CheckRecord(fingerprint, recording.lines(), output, failure, reports).write(outputDirectory());
                } catch (IOException e) {
                    log.debug("workflow-guard: the check record was not written: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Each check execution keeps its own reports and up-to-date record, so that two executions (staging and
     * production values, say) do not overwrite each other: the default execution ({@code default}, {@code default-cli})
     * and the only check execution of a POM write to ${project.build.directory}/workflow, any other to a folder of its
     * own below it, named after its id. An outputDirectory configured in the execution itself is used as it is;
     * one configured for the plugin as a whole is shared by its executions, which then each keep a folder below it.
     */
    @Override
    protected Path outputDirectory() {
        String folder = executionFolder();
        return folder == null
                ? super.outputDirectory()
                : super.outputDirectory().resolve(folder);
    }

    /** The folder of this execution's own reports below the default output folder, or null for the default folder. */
    String executionFolder() {
        return ExecutionFolder.of(project, mojoExecution, outputDirectory != null);
    }

    /** The fingerprint of everything this check's outcome depends on, or null to check without one. */
    private String fingerprint(CheckRequest request, Severity failOn, Set<ReportFormat> formats, DocsUrl docs) {
        String build = pluginBuild != null ? pluginBuild : CheckRecord.pluginBuild();
        if (build == null) {
            return null;
        }
        List<String> context = new ArrayList<>();
        context.add(build);
        context.add(toolVersion());
        context.add(failOn == null ? "none" : failOn.id());
        context.add(formats.stream().map(ReportFormat::id).collect(Collectors.joining(",")));
        context.add(docs == null ? "no docs address" : docs.template());
        context.add(String.valueOf(GitHubAnnotations.active(System.getenv())));
        context.add(ReportPaths.repositoryRoot(baseDirectory()).toString());
        context.add(outputDirectory().toAbsolutePath().toString());
        // Whether workflow:fix may write a values file (permission bits, where a link leads) decides what is fixable.
        for (String values : request.valuesFiles()) {
            context.add(SafeWriter.access(baseDirectory().resolve(values)));
        }
        // The POM is where <suppression> entries are, and messages name their lines.
        Path pom =
                project != null && project.getFile() != null ? project.getFile().toPath() : null;
        try {
            context.add(pom == null || !Files.isRegularFile(pom) ? "no POM" : InputFingerprint.sha256(pom));
        } catch (IOException e) {
            return null;
        }
        return InputFingerprint.of(request, context);
    }

    /** Set by tests, whose classes are not in a jar: the plugin build the fingerprint names. */
    String pluginBuild;

    /** Checks and reports; the SHA-256 of each report written goes to {@code reports}, unless that is null (no record). */
    private void check(
            CheckRequest request,
            Severity failOn,
            Set<ReportFormat> formats,
            DocsUrl docs,
            Log log,
            List<String> output,
            Map<String, String> reports)
            throws MojoExecutionException, MojoFailureException {
        FixPlan fixes;
        // Progress goes to Maven's log only: it describes this run, not an outcome to repeat.
        try (ProgressLog progress = new ProgressLog(getLog())) {
            CheckResult result = new Checker(progress).check(request);
            // Fixable means what workflow:fix would correct: planned (nothing written), refusals included.
            fixes = new Fixer().plan(request, result, null);
        } catch (InputException e) {
            throw configurationError(e);
        }
        CheckReporter reporter = new CheckReporter(
                new CheckReporter.Settings(
                        outputDirectory(),
                        toolVersion(),
                        failOn,
                        formats,
                        GitHubAnnotations.active(System.getenv()),
                        reports != null,
                        docs),
                new LogConsole(log),
                // Workflow commands must start a line of the job's output, so they bypass Maven's log prefixes.
                line -> {
                    System.out.println(line);
                    output.add(line);
                });
        CheckReporter.Reported reported;
        try {
            reported = reporter.report(request, fixes);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        if (reports != null) {
            reports.putAll(reported.digests());
        }
        if (reported.failure() != null) {
            throw new MojoFailureException(reported.failure());
        }
    }

    private Set<ReportFormat> parseFormats() throws MojoExecutionException {
        try {
            return ReportFormat.parse(reportFormats);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }

    private DocsUrl parseDocsUrl() throws MojoExecutionException {
        try {
            return DocsUrl.parse(docsBaseUrl);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }

    private Severity parseFailOn() throws MojoExecutionException {
        String word = failOnSeverity == null ? "error" : failOnSeverity.trim().toLowerCase(Locale.ROOT);
        if (word.equals("none")) {
            return null;
        }
        try {
            return Severity.parse(word);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("failOnSeverity / workflow.failOn: " + e.getMessage() + ", or none");
        }
    }
}
