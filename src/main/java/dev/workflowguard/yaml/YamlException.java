package dev.workflowguard.yaml;

/**
 * A file that cannot be read as YAML: names the file, the position when known, and the problem in
 * words. The message never quotes the offending line, which may hold a secret.
 */
public class YamlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient TextPosition position;
    private final String problem;

    public YamlException(String file, TextPosition position, String problem) {
        super(format(file, position, problem));
        this.file = file;
        this.position = position;
        this.problem = problem;
    }

    private static String format(String file, TextPosition position, String problem) {
        if (position == null) {
            return file + ": " + problem;
        }
        return file + ":" + position.line() + ":" + position.column() + ": " + problem;
    }

    public String file() {
        return file;
    }

    /** Where the problem is, or null when the parser could not say. */
    public TextPosition position() {
        return position;
    }

    public String problem() {
        return problem;
    }
}
