package dev.workflowguard.maven;

import dev.workflowguard.report.Console;
import org.apache.maven.plugin.logging.Log;

/** The reports' console as Maven's log. */
record LogConsole(Log log) implements Console {

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public void error(String line) {
        log.error(line);
    }
}
