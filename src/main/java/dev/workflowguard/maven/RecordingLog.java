package dev.workflowguard.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** Passes every line on to Maven's log and keeps the info, warning and error lines, to repeat them later. */
final class RecordingLog implements Log {

    /** A line as logged. */
    record Line(String level, String text) {}

    private final Log log;
    private final List<Line> lines = new ArrayList<>();

    RecordingLog(Log log) {
        this.log = log;
    }

    List<Line> lines() {
        return lines;
    }

    private void keep(String level, CharSequence content) {
        lines.add(new Line(level, content == null ? "" : content.toString()));
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void debug(CharSequence content) {
        log.debug(content);
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        log.debug(content, error);
    }

    @Override
    public void debug(Throwable error) {
        log.debug(error);
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public void info(CharSequence content) {
        keep("info", content);
        log.info(content);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        keep("info", content);
        log.info(content, error);
    }

    @Override
    public void info(Throwable error) {
        log.info(error);
    }

    @Override
    public boolean isWarnEnabled() {
        return log.isWarnEnabled();
    }

    @Override
    public void warn(CharSequence content) {
        keep("warn", content);
        log.warn(content);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        keep("warn", content);
        log.warn(content, error);
    }

    @Override
    public void warn(Throwable error) {
        log.warn(error);
    }

    @Override
    public boolean isErrorEnabled() {
        return log.isErrorEnabled();
    }

    @Override
    public void error(CharSequence content) {
        keep("error", content);
        log.error(content);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        keep("error", content);
        log.error(content, error);
    }

    @Override
    public void error(Throwable error) {
        log.error(error);
    }
}
