package dev.workflowguard.finding;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;

/** A place in a checked file, shown as `file:line:col` with the file relative to the project. */
public record Location(SourceFile file, TextPosition position) {

    public String fileName() {
        return file.displayName();
    }

    public int line() {
        return position.line();
    }

    public int column() {
        return position.column();
    }

    @Override
    public String toString() {
        return fileName() + ":" + line() + ":" + column();
    }
}
