package dev.workflowguard.maven;

import dev.workflowguard.report.ConsoleText;
import org.apache.maven.plugin.logging.Log;

/**
 * Maven's log as the plugin writes to it: each line in characters the console can show ({@link ConsoleText}: the
 * plugin's `…` is `...` in a CI container's ASCII console), and, when one execution at the root of a multi-module
 * build runs a goal for each module (several at a time with {@code -T}), prefixed by the module's label,
 * {@code [cluster-eu] }, as Maven's own "--- goal @ module ---" header would have said.
 */
final class ConsoleLog implements Log {

    private final String prefix;
    private final Log log;
    private final ConsoleText console;

    /** The log of a goal run for one module, in this JVM's console. */
    ConsoleLog(String label, Log log) {
        this(label, log, ConsoleText.ofThisJvm());
    }

    /** @param label the module's label, or null outside a run for each module */
    ConsoleLog(String label, Log log, ConsoleText console) {
        this.prefix = label == null ? "" : "[" + label + "] ";
        this.log = log;
        this.console = console;
    }

    private CharSequence prefixed(CharSequence content) {
        return console.shown(prefix + (content == null ? "" : content));
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void debug(CharSequence content) {
        log.debug(prefixed(content));
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        log.debug(prefixed(content), error);
    }

    @Override
    public void debug(Throwable error) {
        log.debug(prefixed(String.valueOf(error)), error);
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public void info(CharSequence content) {
        log.info(prefixed(content));
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        log.info(prefixed(content), error);
    }

    @Override
    public void info(Throwable error) {
        log.info(prefixed(String.valueOf(error)), error);
    }

    @Override
    public boolean isWarnEnabled() {
        return log.isWarnEnabled();
    }

    @Override
    public void warn(CharSequence content) {
        log.warn(prefixed(content));
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        log.warn(prefixed(content), error);
    }

    @Override
    public void warn(Throwable error) {
        log.warn(prefixed(String.valueOf(error)), error);
    }

    @Override
    public boolean isErrorEnabled() {
        return log.isErrorEnabled();
    }

    @Override
    public void error(CharSequence content) {
        log.error(prefixed(content));
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        log.error(prefixed(content), error);
    }

    @Override
    public void error(Throwable error) {
        log.error(prefixed(String.valueOf(error)), error);
    }
}
