package dev.workflowguard.maven;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.report.ConsoleReport;
import dev.workflowguard.report.JsonReport;
import dev.workflowguard.rules.FixOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Log log = getLog();
        if (skip || checkSkip) {
            log.info("workflow-guard: check skipped");
            return;
        }
        Severity failOn = parseFailOn();
        CheckResult result;
        try {
            result = new Checker().check(request(FixOptions.DEFAULTS).build());
        } catch (InputException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        result.notes().forEach(note -> log.info("workflow-guard: " + note));
        for (ConsoleReport.Line line : ConsoleReport.lines(result)) {
            switch (line.severity()) {
                case ERROR -> log.error(line.text());
                case WARNING -> log.warn(line.text());
                default -> log.info(line.text());
            }
        }
        Path report = outputDirectory().resolve("report.json");
        try {
            JsonReport.write(report, result, toolVersion(), failOn);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + report + ": " + e.getMessage());
        }
        String summary = ConsoleReport.summary(result);
        List<Finding> failing = result.atOrAbove(failOn);
        if (failing.isEmpty()) {
            log.info(summary);
            return;
        }
        log.error(summary);
        Map<String, Long> byRule = failing.stream()
                .collect(Collectors.groupingBy(Finding::rule, LinkedHashMap::new, Collectors.counting()));
        String rules = byRule.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        throw new MojoFailureException("workflow-guard: " + failing.size() + (failing.size() == 1 ? " finding" : " findings")
                + " at or above " + failOn.id() + ": " + rules + ". See the lines above and " + display(report) + ".");
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
