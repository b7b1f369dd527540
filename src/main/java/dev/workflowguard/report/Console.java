package dev.workflowguard.report;

import dev.workflowguard.finding.Severity;

/** Where the wording of a goal goes: Maven's log in the plugin, a list in a test. */
public interface Console {

    void info(String line);

    void warn(String line);

    void error(String line);

    /** A line at the level of a severity: errors as errors, warnings as warnings, the rest as information. */
    default void log(Severity severity, String line) {
        switch (severity) {
            case ERROR -> error(line);
            case WARNING -> warn(line);
            default -> info(line);
        }
    }
}
