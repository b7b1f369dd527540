package dev.workflowguard.values;

import dev.workflowguard.yaml.DuplicateKey;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlMap;
import java.util.List;

/**
 * One values file as given to Helm with `-f`: its top-level mapping (empty for an empty file) and
 * the keys it repeats.
 */
public record ValuesSource(SourceFile file, YamlMap root, List<DuplicateKey> duplicates) {

    public ValuesSource {
        duplicates = List.copyOf(duplicates);
    }
}
