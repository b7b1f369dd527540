package dev.workflowguard.report;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputFingerprint;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.suppress.SuppressedFinding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;

/**
 * Tells the outcome of a check: its notes, findings, suppressions and baseline on the console, GitHub
 * annotations on standard output in a GitHub Actions job, report.json and the chosen formats in the
 * output folder, then the summary, and the failure when findings reach the threshold. Every report
 * is written from the one check and the one fix plan it is given.
 */
public final class CheckReporter {

    /**
     * How to report.
     *
     * @param outputDirectory where the reports are written
     * @param toolVersion the plugin's version, named in the reports
     * @param failOn the lowest severity that fails the build, or null for none
     * @param formats the reports to write besides report.json, in the order configured
     * @param annotations whether to print GitHub workflow commands (in a GitHub Actions job)
     * @param digests whether to return each report's SHA-256 (for a record of the outcome)
     * @param docs where the user publishes the rule pages (SARIF and HTML link to them), or null: the reports then
     *     carry the pages and link nowhere else
     */
    public record Settings(
            Path outputDirectory,
            String toolVersion,
            Severity failOn,
            Set<ReportFormat> formats,
            boolean annotations,
            boolean digests,
            DocsUrl docs) {

        public Settings {
            formats = Collections.unmodifiableSet(new LinkedHashSet<>(formats));
        }

        /** Settings that link to no docs address. */
        public Settings(
                Path outputDirectory,
                String toolVersion,
                Severity failOn,
                Set<ReportFormat> formats,
                boolean annotations,
                boolean digests) {
            this(outputDirectory, toolVersion, failOn, formats, annotations, digests, null);
        }
    }

    /**
     * What was reported.
     *
     * @param digests the SHA-256 of each report written, by file name in the output folder (empty unless asked for)
     * @param failure the build failure's message, or null when no finding reaches the threshold
     */
    public record Reported(Map<String, String> digests, String failure) {}

    private final Settings settings;
    private final Console console;
    private final Consumer<String> standardOutput;

    /** @param standardOutput receives lines that must start a line of the job's output (GitHub workflow commands) */
    public CheckReporter(Settings settings, Console console, Consumer<String> standardOutput) {
        this.settings = settings;
        this.console = console;
        this.standardOutput = standardOutput;
    }

    /**
     * Reports the check the plan was made from, as the plan sees it: a finding whose every edit the fix
     * would refuse is not offered as fixable.
     *
     * @param request what was checked
     * @throws IOException saying which folder could not be written, when a report cannot be
     */
    public Reported report(CheckRequest request, FixPlan plan) throws IOException {
        CheckResult result = plan.checkResult();
        result.notes().forEach(note -> console.info("workflow-guard: " + note));
        ConsoleReport.lines(result).forEach(line -> console.log(line.severity(), line.text()));
        result.suppressed().forEach(suppressed -> console.info(suppressedLine(suppressed)));
        if (request.baseline() != null) {
            logBaseline(request.baseline(), result);
        }
        ReportPaths paths = new ReportPaths(request.baseDirectory());
        if (settings.annotations()) {
            GitHubAnnotations.lines(result, paths).forEach(standardOutput);
        }
        Map<String, String> digests;
        try {
            digests = write(request, plan, result, paths);
        } catch (IOException e) {
            throw new IOException(
                    "cannot write the reports in " + shown(request, settings.outputDirectory()) + ": " + e.getMessage(),
                    e);
        }
        String summary = ConsoleReport.summary(result);
        List<Finding> failing = result.atOrAbove(settings.failOn());
        if (failing.isEmpty()) {
            console.info(summary);
            return new Reported(digests, null);
        }
        console.error(summary);
        return new Reported(digests, failure(request, failing));
    }

    static String suppressedLine(SuppressedFinding suppressed) {
        return suppressed.finding().location() + ": suppressed ["
                + suppressed.finding().rule() + "] ("
                + suppressed.suppression().reason()
                + (suppressed.suppression().until() == null
                        ? ""
                        : ", until " + suppressed.suppression().until())
                + ")";
    }

    private void logBaseline(String baseline, CheckResult result) {
        int accepted = result.baselined().size();
        int fixed = result.fixedSinceBaseline().size();
        console.info("workflow-guard: " + accepted + (accepted == 1 ? " finding" : " findings") + " accepted by the "
                + "baseline " + baseline
                + (fixed == 0
                        ? ""
                        : "; " + fixed + (fixed == 1 ? " baseline entry is" : " baseline entries are")
                                + " fixed: run `mvn workflow:baseline` to shrink it"));
        for (Baseline.Entry entry : result.fixedSinceBaseline()) {
            console.info("workflow-guard: fixed since the baseline: " + entry.rule() + " in " + entry.file()
                    + (entry.subject() == null ? "" : " (" + entry.subject() + ")"));
        }
    }

    /** Writes report.json and each chosen format; returns their digests when asked for. */
    private Map<String, String> write(CheckRequest request, FixPlan plan, CheckResult result, ReportPaths paths)
            throws IOException {
        Path folder = settings.outputDirectory();
        JsonReport.write(folder.resolve(ReportFormat.JSON.file()), result, settings.toolVersion(), settings.failOn());
        for (ReportFormat format : ReportFormat.values()) {
            if (format != ReportFormat.JSON && settings.formats().contains(format)) {
                try (AtomicFile out = new AtomicFile(folder.resolve(format.file()))) {
                    write(format, out.stream(), request, plan, result, paths);
                    out.commit();
                }
            }
        }
        Map<String, String> digests = new LinkedHashMap<>();
        if (settings.digests()) {
            List<ReportFormat> written = new ArrayList<>(List.of(ReportFormat.JSON));
            written.addAll(settings.formats());
            for (ReportFormat format : written) {
                digests.putIfAbsent(format.file(), InputFingerprint.sha256(folder.resolve(format.file())));
            }
        }
        return digests;
    }

    /** One report other than report.json (written whatever the formats). */
    private void write(
            ReportFormat format,
            OutputStream out,
            CheckRequest request,
            FixPlan plan,
            CheckResult result,
            ReportPaths paths)
            throws IOException {
        switch (format) {
            case SARIF ->
                SarifReport.write(
                        out, result, settings.toolVersion(), paths, RuleHelp.of(request.rules(), settings.docs()));
            case JUNIT -> {
                try {
                    JUnitReport.write(
                            out,
                            result,
                            settings.failOn(),
                            request.disabledRules(),
                            RuleCatalogue.ids(request.rules()));
                } catch (XMLStreamException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            case HTML ->
                HtmlReport.write(
                        out,
                        result,
                        settings.toolVersion(),
                        settings.failOn(),
                        PatchFile.text(request.baseDirectory(), plan),
                        RuleHelp.of(request.rules(), settings.docs()));
            default -> throw new IllegalArgumentException(format + " is written on its own");
        }
    }

    /** "workflow-guard: 2 findings at or above error: minio-storage (1), tls-missing (1). See …" */
    private String failure(CheckRequest request, List<Finding> failing) {
        Map<String, Long> byRule = failing.stream()
                .collect(Collectors.groupingBy(Finding::rule, LinkedHashMap::new, Collectors.counting()));
        String rules = byRule.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining(", "));
        return "workflow-guard: " + failing.size() + (failing.size() == 1 ? " finding" : " findings") + " at or above "
                + settings.failOn().id() + ": " + rules + ". See the lines above and "
                + shown(request, settings.outputDirectory().resolve(ReportFormat.JSON.file())) + ".";
    }

    private static String shown(CheckRequest request, Path path) {
        return ReportPaths.shown(request.baseDirectory(), path);
    }
}
