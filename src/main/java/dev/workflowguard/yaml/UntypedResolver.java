package dev.workflowguard.yaml;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The resolver the composer uses: it marks every untagged scalar {@link #UNTAGGED} instead of
 * matching it against YAML 1.1's regular expressions. The composer asks for a tag for every scalar
 * of every document, but only the documents that are converted need a type, and those get Helm's
 * type from {@link NodeConverter}. Skipping the regexes makes reading a large render cheaper by
 * more than the noise of {@code ScaleBenchmark#manifests} (docs/benchmarks.md). The merge key `<<`
 * is still resolved, because duplicate-key detection must tell it apart.
 */
final class UntypedResolver extends Resolver {

    /** The tag of a scalar written without one; {@link NodeConverter} types it by Helm's rules. */
    static final Tag UNTAGGED = new Tag("tag:workflow-guard.dev,2026:untagged");

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind == NodeId.scalar) {
            return implicit && "<<".equals(value) ? Tag.MERGE : UNTAGGED;
        }
        return super.resolve(kind, value, implicit);
    }
}
