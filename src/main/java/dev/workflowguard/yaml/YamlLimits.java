package dev.workflowguard.yaml;

/**
 * Explicit bounds on what the loader accepts, so a hostile or runaway file ends in a clear error
 * instead of exhausting memory or time.
 *
 * Documented in README, "Limits". The first three are POM parameters (maxFileSizeMb,
 * maxNestingDepth, maxAliases); the others are fixed, because nothing Helm or Kubernetes can use
 * comes near them.
 *
 * @param maxFileBytes largest file read at all
 * @param maxDocumentCodePoints largest single YAML document (SnakeYAML's code point limit)
 * @param maxNestingDepth deepest nesting of collections; real CRDs reach ~60
 * @param maxAliases most aliases to collections per document ("billion laughs" needs many)
 * @param maxExpandedNodes most nodes a document may stand for once aliases are expanded (checked only
 *        when aliases make it more than four times the document's own nodes)
 */
public record YamlLimits(
        long maxFileBytes, int maxDocumentCodePoints, int maxNestingDepth, int maxAliases, long maxExpandedNodes) {

    public static final YamlLimits DEFAULTS = new YamlLimits(64L * 1024 * 1024, 16 * 1024 * 1024, 256, 100, 1_000_000L);

    public YamlLimits {
        if (maxFileBytes <= 0
                || maxDocumentCodePoints <= 0
                || maxNestingDepth <= 0
                || maxAliases < 0
                || maxExpandedNodes <= 0) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }

    public YamlLimits withMaxFileBytes(long bytes) {
        return new YamlLimits(bytes, maxDocumentCodePoints, maxNestingDepth, maxAliases, maxExpandedNodes);
    }

    public YamlLimits withMaxNestingDepth(int depth) {
        return new YamlLimits(maxFileBytes, maxDocumentCodePoints, depth, maxAliases, maxExpandedNodes);
    }

    public YamlLimits withMaxAliases(int aliases) {
        return new YamlLimits(maxFileBytes, maxDocumentCodePoints, maxNestingDepth, aliases, maxExpandedNodes);
    }
}
