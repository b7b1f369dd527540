package dev.workflowguard.yaml;

import java.util.List;

/**
 * One document of a YAML stream.
 *
 * @param file the file it came from
 * @param index 0-based position in the stream
 * @param root the document's content, or null for an empty document
 * @param duplicates keys repeated within a mapping of this document
 * @param sourceComment the template named by a `# Source:` comment before the document, or null
 */
public record YamlDocument(SourceFile file, int index, YamlNode root, List<DuplicateKey> duplicates,
        String sourceComment) {

    public boolean isEmpty() {
        return root == null || (root instanceof YamlScalar scalar && scalar.isNull());
    }
}
