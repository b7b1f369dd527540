package dev.workflowguard.maven;

import org.apache.maven.plugin.logging.Log;

/**
 * Maven's log with every line prefixed by a module's label, {@code [cluster-eu] …}: when one execution at the root
 * of a multi-module build runs a goal for each module (several at a time with {@code -T}), each line says which
 * module it is about, as Maven's own "--- goal @ module ---" header would have.
 */
final class ModuleLog implements Log {

    private final String prefix;
    private final Log log;

    ModuleLog(String label, Log log) {
        this.prefix = "[" + label + "] ";
        this.log = log;
    }

    private CharSequence prefixed(CharSequence content) {
        return prefix + (content == null ? "" : content);
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
