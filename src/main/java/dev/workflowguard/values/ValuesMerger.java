package dev.workflowguard.values;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges values files exactly as `helm -f a.yaml -f b.yaml` does: mappings merge key by key,
 * anything else (scalars, lists, null) from the later file replaces what was there. Each merged
 * entry is the entry object of the file that set it, so provenance needs no bookkeeping; a merged
 * mapping takes the key of the last file that contributed to it. The merge accumulates into
 * mutable maps, so its cost is linear in the total size of the files, however many there are.
 */
public final class ValuesMerger {

    private ValuesMerger() {}

    public static YamlMap merge(List<ValuesSource> sources) {
        if (sources.isEmpty()) {
            return new YamlMap(null, TextPosition.START, TextPosition.START, new LinkedHashMap<>());
        }
        Merged merged = new Merged(sources.get(0).root());
        sources.subList(1, sources.size()).forEach(source -> merged.add(source.root()));
        return merged.build();
    }

    static YamlMap mergeMaps(YamlMap base, YamlMap override) {
        Merged merged = new Merged(base);
        merged.add(override);
        return merged.build();
    }

    /** A mapping being merged: plain entries, or nested mappings still being merged. */
    private static final class Merged {
        private SourceFile file;
        private TextPosition start;
        private TextPosition end;
        /** Values are YamlEntry (taken as is) or Nested (a mapping merged from several files). */
        private final Map<String, Object> entries = new LinkedHashMap<>();

        private record Nested(YamlScalar key, Merged map) {}

        Merged(YamlMap first) {
            file = first.file();
            start = first.start();
            end = first.end();
            first.entries().forEach(entry -> entries.put(entry.name(), entry));
        }

        void add(YamlMap override) {
            file = override.file();
            start = override.start();
            end = override.end();
            for (YamlEntry entry : override.entries()) {
                Object existing = entries.get(entry.name());
                if (entry.value() instanceof YamlMap overrideMap && existing != null) {
                    Merged into = existing instanceof Nested nested
                            ? nested.map()
                            : ((YamlEntry) existing).value() instanceof YamlMap baseMap ? new Merged(baseMap) : null;
                    if (into != null) {
                        into.add(overrideMap);
                        entries.put(entry.name(), new Nested(entry.key(), into));
                        continue;
                    }
                }
                entries.put(entry.name(), entry);
            }
        }

        YamlMap build() {
            LinkedHashMap<String, YamlEntry> out = new LinkedHashMap<>();
            entries.forEach((name, value) -> out.put(
                    name,
                    value instanceof Nested nested
                            ? new YamlEntry(nested.key(), nested.map().build())
                            : (YamlEntry) value));
            return new YamlMap(file, start, end, out);
        }
    }
}
