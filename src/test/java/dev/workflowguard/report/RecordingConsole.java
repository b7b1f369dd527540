package dev.workflowguard.report;

import java.util.ArrayList;
import java.util.List;

/** A console that keeps every line with its level, for assertions on what the user sees. */
final class RecordingConsole implements Console {

    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
        lines.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void error(String line) {
        lines.add("ERROR " + line);
    }

    List<String> at(String level) {
        return lines.stream()
                .filter(l -> l.startsWith(level + " "))
                .map(l -> l.substring(level.length() + 1))
                .toList();
    }
}
