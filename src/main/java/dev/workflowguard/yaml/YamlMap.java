package dev.workflowguard.yaml;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping whose keys are kept in file order; a repeated key keeps its last value, as Helm does. */
public final class YamlMap implements YamlNode {

    private final SourceFile file;
    private final TextPosition start;
    private final TextPosition end;
    private final Map<String, YamlEntry> entries;

    public YamlMap(SourceFile file, TextPosition start, TextPosition end, LinkedHashMap<String, YamlEntry> entries) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.entries = Collections.unmodifiableMap(entries);
    }

    @Override
    public SourceFile file() {
        return file;
    }

    @Override
    public TextPosition start() {
        return start;
    }

    @Override
    public TextPosition end() {
        return end;
    }

    public YamlEntry entry(String key) {
        return entries.get(key);
    }

    /** The value under a key, or null when the key is absent. */
    public YamlNode get(String key) {
        YamlEntry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    public Collection<YamlEntry> entries() {
        return entries.values();
    }

    public Map<String, YamlEntry> asMap() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String describeType() {
        return "a mapping";
    }

    @Override
    public String toString() {
        return entries.keySet().toString();
    }
}
