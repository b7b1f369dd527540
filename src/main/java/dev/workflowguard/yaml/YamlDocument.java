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
 * @param kind the document's top-level `kind`, read even when the document was not converted, or null
 * @param name its `metadata.name`, likewise, or null
 * @param converted false when a {@link YamlLoader.Selector} skipped building the tree ({@code root} is then null)
 */
public record YamlDocument(
        SourceFile file,
        int index,
        YamlNode root,
        List<DuplicateKey> duplicates,
        String sourceComment,
        String kind,
        String name,
        boolean converted) {

    public YamlDocument(
            SourceFile file, int index, YamlNode root, List<DuplicateKey> duplicates, String sourceComment) {
        this(file, index, root, duplicates, sourceComment, null, null, true);
    }

    public boolean isEmpty() {
        return root == null || (root instanceof YamlScalar scalar && scalar.isNull());
    }
}
