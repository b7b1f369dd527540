package dev.workflowguard.values;

import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Merges values files exactly as `helm -f a.yaml -f b.yaml` does: mappings merge key by key,
 * anything else (scalars, lists, null) from the later file replaces what was there. Each merged
 * entry is the entry object of the file that set it, so provenance needs no bookkeeping; a merged
 * mapping takes the key of the last file that contributed to it.
 */
public final class ValuesMerger {

    private ValuesMerger() {
    }

    public static YamlMap merge(List<ValuesSource> sources) {
        YamlMap merged = null;
        for (ValuesSource source : sources) {
            merged = merged == null ? source.root() : mergeMaps(merged, source.root());
        }
        if (merged == null) {
            return new YamlMap(null, TextPosition.START, TextPosition.START, new LinkedHashMap<>());
        }
        return merged;
    }

    static YamlMap mergeMaps(YamlMap base, YamlMap override) {
        LinkedHashMap<String, YamlEntry> out = new LinkedHashMap<>(base.asMap());
        for (YamlEntry entry : override.entries()) {
            YamlEntry existing = out.get(entry.name());
            if (entry.value() instanceof YamlMap overrideMap && existing != null
                    && existing.value() instanceof YamlMap baseMap) {
                out.put(entry.name(), new YamlEntry(entry.key(), mergeMaps(baseMap, overrideMap)));
            } else {
                out.put(entry.name(), entry);
            }
        }
        return new YamlMap(override.file(), override.start(), override.end(), out);
    }
}
