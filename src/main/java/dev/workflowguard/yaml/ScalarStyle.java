package dev.workflowguard.yaml;

/** How a scalar was written; decides how Helm types it and how an edit must re-escape it. */
public enum ScalarStyle {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED;

    public boolean isQuoted() {
        return this == SINGLE_QUOTED || this == DOUBLE_QUOTED;
    }
}
