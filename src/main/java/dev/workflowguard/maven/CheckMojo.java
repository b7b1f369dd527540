package dev.workflowguard.maven;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.check.InputFingerprint;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.report.AtomicFile;
import dev.workflowguard.report.ConsoleReport;
import dev.workflowguard.report.GitHubAnnotations;
import dev.workflowguard.report.HtmlReport;
import dev.workflowguard.report.JUnitReport;
import dev.workflowguard.report.JsonReport;
import dev.workflowguard.report.ReportPaths;
import dev.workflowguard.report.SarifReport;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.suppress.SuppressedFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

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
     * (values, manifests, baseline, configuration, plugin build, today's date) and its reports are
     * untouched; a chart to render is always checked.
     */
    @Parameter(property = "workflow.upToDateChecking", defaultValue = "true")
    protected boolean upToDateChecking;

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
        Set<String> formats = parseFormats();
        CheckRequest request = request(FixOptions.DEFAULTS).baseline(baseline).build();
        String fingerprint = upToDateChecking ? fingerprint(request, failOn, formats) : null;
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
            check(request, failOn, formats, recording, output, reports);
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
        String id = mojoExecution == null ? null : mojoExecution.getExecutionId();
        if (id == null
                || id.equals("default")
                || id.equals("default-cli")
                || checkExecutions() < 2
                || (outputDirectory != null && configuresOutputDirectory(id))) {
            return null;
        }
        String folder = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return folder.equals(".") || folder.equals("..") ? folder.replace('.', '_') : folder;
    }

    /** True when the execution's own configuration (not the plugin's) names the output folder. */
    private boolean configuresOutputDirectory(String id) {
        return declaredExecutions()
                .filter(e -> id.equals(e.getId()))
                .anyMatch(e -> e.getConfiguration() instanceof Xpp3Dom configuration
                        && configuration.getChild("outputDirectory") != null);
    }

    /** How many executions of this goal the project's build declares. */
    private long checkExecutions() {
        return declaredExecutions().count();
    }

    /** The executions of this goal the project's build declares. */
    private Stream<PluginExecution> declaredExecutions() {
        if (project == null || project.getBuildPlugins() == null) {
            return Stream.empty();
        }
        var plugin = mojoExecution.getMojoDescriptor().getPluginDescriptor();
        String goal = mojoExecution.getGoal();
        return project.getBuildPlugins().stream()
                .filter(p -> plugin.getArtifactId().equals(p.getArtifactId())
                        && plugin.getGroupId().equals(p.getGroupId()))
                .flatMap(p -> p.getExecutions().stream())
                .filter(e -> e.getGoals() != null && e.getGoals().contains(goal));
    }

    /** The fingerprint of everything this check's outcome depends on, or null to check without one. */
    private String fingerprint(CheckRequest request, Severity failOn, Set<String> formats) {
        String build = pluginBuild();
        if (build == null) {
            return null;
        }
        List<String> context = new ArrayList<>();
        context.add(build);
        context.add(toolVersion());
        context.add(failOn == null ? "none" : failOn.id());
        context.add(String.join(",", formats));
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

    /**
     * The plugin build that runs, for the fingerprint: its jar, size and time (a rebuilt SNAPSHOT is a new
     * build), or null where the classes are not in a jar (a development class path), which never records.
     */
    private String pluginBuild() {
        if (pluginBuild != null) {
            return pluginBuild;
        }
        try {
            Path code = Path.of(CheckMojo.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(code)) {
                return null;
            }
            return code + " " + Files.size(code) + " "
                    + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Checks and reports; the SHA-256 of each report written goes to {@code reports}, unless that is null (no record). */
    private void check(
            CheckRequest request,
            Severity failOn,
            Set<String> formats,
            Log log,
            List<String> output,
            Map<String, String> reports)
            throws MojoExecutionException, MojoFailureException {
        CheckResult result;
        FixPlan fixes;
        try {
            // Progress goes to Maven's log only: it describes this run, not an outcome to repeat.
            result = new Checker(new ProgressLog(getLog())).check(request);
            // Fixable means what workflow:fix would correct: planned (nothing written), refusals included.
            fixes = new Fixer().plan(request, result, null);
            result = fixes.checkResult();
        } catch (InputException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        for (String note : result.notes()) {
            log.info("workflow-guard: " + note);
        }
        for (ConsoleReport.Line line : ConsoleReport.lines(result)) {
            switch (line.severity()) {
                case ERROR -> log.error(line.text());
                case WARNING -> log.warn(line.text());
                default -> log.info(line.text());
            }
        }
        for (SuppressedFinding suppressed : result.suppressed()) {
            log.info(suppressed.finding().location() + ": suppressed ["
                    + suppressed.finding().rule() + "] ("
                    + suppressed.suppression().reason()
                    + (suppressed.suppression().until() == null
                            ? ""
                            : ", until " + suppressed.suppression().until()) + ")");
        }
        if (baseline != null && !baseline.isBlank()) {
            int accepted = result.baselined().size();
            int fixed = result.fixedSinceBaseline().size();
            log.info("workflow-guard: " + accepted + (accepted == 1 ? " finding" : " findings") + " accepted by the "
                    + "baseline " + baseline
                    + (fixed == 0
                            ? ""
                            : "; " + fixed + (fixed == 1 ? " baseline entry is" : " baseline entries are")
                                    + " fixed: run `mvn workflow:baseline` to shrink it"));
            for (var entry : result.fixedSinceBaseline()) {
                log.info("workflow-guard: fixed since the baseline: " + entry.rule() + " in " + entry.file()
                        + (entry.subject() == null ? "" : " (" + entry.subject() + ")"));
            }
        }
        ReportPaths paths = new ReportPaths(baseDirectory());
        if (GitHubAnnotations.active(System.getenv())) {
            // Workflow commands must start a line of the job's output, so they bypass Maven's log prefixes.
            for (String line : GitHubAnnotations.lines(result, paths)) {
                System.out.println(line);
                output.add(line);
            }
        }
        Path report = outputDirectory().resolve("report.json");
        try {
            JsonReport.write(report, result, toolVersion(), failOn);
            writeFormats(formats, result, failOn, request, paths, fixes);
            if (reports != null) {
                reports.put("report.json", InputFingerprint.sha256(report));
                for (String format : formats) {
                    reports.put(
                            FILE_OF.get(format),
                            InputFingerprint.sha256(outputDirectory().resolve(FILE_OF.get(format))));
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "cannot write the reports in " + display(outputDirectory()) + ": " + e.getMessage());
        }
        String summary = ConsoleReport.summary(result);
        List<Finding> failing = result.atOrAbove(failOn);
        if (failing.isEmpty()) {
            log.info(summary);
            return;
        }
        log.error(summary);
        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (Finding finding : failing) {
            byRule.put(finding.rule(), byRule.getOrDefault(finding.rule(), 0) + 1);
        }
        StringBuilder rules = new StringBuilder();
        for (Map.Entry<String, Integer> entry : byRule.entrySet()) {
            rules.append(rules.length() == 0 ? "" : ", ")
                    .append(entry.getKey())
                    .append(" (")
                    .append(entry.getValue())
                    .append(')');
        }
        throw new MojoFailureException(
                "workflow-guard: " + failing.size() + (failing.size() == 1 ? " finding" : " findings") + " at or above "
                        + failOn.id() + ": " + rules + ". See the lines above and " + display(report) + ".");
    }

    private static final List<String> FORMATS = List.of("json", "sarif", "junit", "html");
    /** The file each format is written to, in the output directory; report.json is written whatever the formats. */
    private static final Map<String, String> FILE_OF = Map.of(
            "json", "report.json", "sarif", "report.sarif", "junit", "TEST-workflow-guard.xml", "html", "report.html");

    private Set<String> parseFormats() throws MojoExecutionException {
        Set<String> formats = new java.util.LinkedHashSet<>();
        if (reportFormats != null) {
            for (String format : reportFormats) {
                String word = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
                if (word.isEmpty()) {
                    continue;
                }
                if (!FORMATS.contains(word)) {
                    throw new MojoExecutionException("reportFormats / workflow.formats: '" + format
                            + "' is not a report format; use " + String.join(", ", FORMATS));
                }
                formats.add(word);
            }
        }
        return formats;
    }

    private void writeFormats(
            Set<String> formats,
            CheckResult result,
            Severity failOn,
            CheckRequest request,
            ReportPaths paths,
            FixPlan fixes)
            throws IOException, MojoExecutionException {
        Path dir = outputDirectory();
        if (formats.contains("sarif")) {
            try (var out = new AtomicFile(dir.resolve(FILE_OF.get("sarif")))) {
                SarifReport.write(out.stream(), result, toolVersion(), paths);
                out.commit();
            }
        }
        if (formats.contains("junit")) {
            try (var out = new AtomicFile(dir.resolve(FILE_OF.get("junit")))) {
                JUnitReport.write(out.stream(), result, failOn, request.disabledRules());
                out.commit();
            } catch (javax.xml.stream.XMLStreamException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        if (formats.contains("html")) {
            String patch = PatchFile.text(baseDirectory(), fixes);
            try (var out = new AtomicFile(dir.resolve(FILE_OF.get("html")))) {
                HtmlReport.write(out.stream(), result, toolVersion(), failOn, patch);
                out.commit();
            }
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
