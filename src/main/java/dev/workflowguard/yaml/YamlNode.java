package dev.workflowguard.yaml;

/** A YAML node that remembers the file and the span it came from. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    SourceFile file();

    TextPosition start();

    TextPosition end();

    /** A short word for messages: "a mapping", "a list", "a string". */
    String describeType();
}
