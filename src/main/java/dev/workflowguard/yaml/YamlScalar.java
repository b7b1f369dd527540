package dev.workflowguard.yaml;

import java.util.Objects;

/**
 * A scalar with its text, how it was written, and the type Helm gives it. Rules ask the typed
 * questions ({@link #isTrue()}, {@link #rendered()}, {@link #isTemplateTruthy()}) rather than
 * comparing raw text, because `yes`, `on` and `true` mean the same to Helm.
 */
public final class YamlScalar implements YamlNode {

    private final SourceFile file;
    private final TextPosition start;
    private final TextPosition end;
    private final String text;
    private final ScalarStyle style;
    private final HelmType type;

    public YamlScalar(
            SourceFile file, TextPosition start, TextPosition end, String text, ScalarStyle style, HelmType type) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.text = Objects.requireNonNull(text, "text");
        this.style = style;
        this.type = type;
    }

    @Override
    public SourceFile file() {
        return file;
    }

    @Override
    public TextPosition start() {
        return start;
    }

    @Override
    public TextPosition end() {
        return end;
    }

    /** The scalar's value after YAML unescaping. */
    public String text() {
        return text;
    }

    public ScalarStyle style() {
        return style;
    }

    public HelmType type() {
        return type;
    }

    public boolean isNull() {
        return type == HelmType.NULL;
    }

    /** True when Helm reads this as the boolean true (plain `true`, `yes`, `on`, `y` in usual casings). */
    public boolean isTrue() {
        return type == HelmType.BOOL && HelmScalars.isTrueWord(text);
    }

    /** True when Helm reads this as the boolean false. */
    public boolean isFalse() {
        return type == HelmType.BOOL && !HelmScalars.isTrueWord(text);
    }

    /**
     * The text a chart template prints for this value (`{{ .Values.x }}` or `| quote`): booleans
     * as `true`/`false`, null as empty, integers in decimal, strings as written.
     */
    public String rendered() {
        return switch (type) {
            case NULL -> "";
            case BOOL -> Boolean.toString(HelmScalars.isTrueWord(text));
            case INT -> HelmScalars.parseInt(text).map(Object::toString).orElse(text);
            default -> text;
        };
    }

    /** How Go templates' `if` sees the value: false, null, 0 and "" are false; every other string, "false" included, is true. */
    public boolean isTemplateTruthy() {
        return switch (type) {
            case NULL -> false;
            case BOOL -> HelmScalars.isTrueWord(text);
            case INT -> HelmScalars.parseInt(text).map(v -> v.signum() != 0).orElse(true);
            case FLOAT -> {
                try {
                    yield Double.parseDouble(text.replace("_", "")) != 0.0;
                } catch (NumberFormatException e) {
                    yield true;
                }
            }
            case STRING -> !text.isEmpty();
        };
    }

    @Override
    public String describeType() {
        return switch (type) {
            case NULL -> "null";
            case BOOL -> "a boolean";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case STRING -> "a string";
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
