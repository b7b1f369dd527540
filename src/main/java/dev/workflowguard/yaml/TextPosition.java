package dev.workflowguard.yaml;

/**
 * A place in a {@link SourceFile}: 1-based line and column as editors show them, and the 0-based
 * offset in code points (SnakeYAML counts code points, not Java chars; {@link SourceFile#charIndex}
 * converts).
 */
public record TextPosition(int line, int column, int offset) {

    public static final TextPosition START = new TextPosition(1, 1, 0);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
