package dev.workflowguard.yaml;

import java.util.List;

/**
 * A key written twice in one mapping. Helm keeps the last value silently, which hides the first
 * from whoever reads the file top-down.
 *
 * @param path the keys leading to the mapping (empty for the top level)
 * @param first the first occurrence, the one Helm ignores
 * @param second the later occurrence, the one that wins
 */
public record DuplicateKey(List<String> path, YamlScalar first, YamlScalar second) {

    public String key() {
        return second.text();
    }
}
