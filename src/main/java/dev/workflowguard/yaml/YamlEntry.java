package dev.workflowguard.yaml;

/**
 * One `key: value` pair. The key's position is the line that sets the value, which is where a
 * message about the value should point when the value itself lives elsewhere (an alias, a nested
 * mapping).
 */
public record YamlEntry(YamlScalar key, YamlNode value) {

    public String name() {
        return key.text();
    }

    /**
     * Where to point for this value: at the value when it sits on the key's line, otherwise (a
     * nested mapping, an alias, an empty value) at the key.
     */
    public TextPosition valuePosition() {
        if (value instanceof YamlScalar scalar
                && value.file() == key.file()
                && value.start().line() == key.start().line()
                && value.start().offset() > key.start().offset()
                && !(scalar.isNull() && scalar.text().isEmpty())) {
            return value.start();
        }
        return key.start();
    }

    public SourceFile file() {
        return key.file();
    }
}
