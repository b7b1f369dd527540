package dev.workflowguard.report;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which GitHub
 * turns into annotations on the pull request's lines. They must start a line of the job's output,
 * so they are printed as is, not through Maven's log prefixes.
 */
public final class GitHubAnnotations {

    private GitHubAnnotations() {}

    /** True in a GitHub Actions job. */
    public static boolean active(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.get("GITHUB_ACTIONS"));
    }

    public static List<String> lines(CheckResult result, ReportPaths paths) {
        List<String> lines = new ArrayList<>();
        for (Finding finding : result.findings()) {
            String command = switch (finding.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            for (Place place : finding.places()) {
                lines.add("::" + command + " file="
                        + property(paths.fromRoot(place.location().fileName())) + ",line="
                        + place.location().line() + ",col=" + place.location().column() + ",title="
                        + property("workflow-guard " + finding.rule()) + "::" + data(place.message()));
            }
        }
        return lines;
    }

    /** Escapes a command's message. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a command property value. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
