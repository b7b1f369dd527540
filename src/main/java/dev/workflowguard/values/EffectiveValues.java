package dev.workflowguard.values;

import dev.workflowguard.finding.Location;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Helm's view of the values: the files merged in order over the chart defaults of the configured
 * Workflow version, able to say for any path which file and line decided it.
 */
public final class EffectiveValues {

    private final List<ValuesSource> sources;
    private final YamlMap merged;
    private final DefaultValues defaults;

    public EffectiveValues(List<ValuesSource> sources, DefaultValues defaults) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one values file is needed");
        }
        this.sources = List.copyOf(sources);
        this.merged = ValuesMerger.merge(this.sources);
        this.defaults = defaults;
    }

    public List<ValuesSource> sources() {
        return sources;
    }

    public YamlMap merged() {
        return merged;
    }

    /**
     * The same view with one values file replaced (by its edited text, say), merged again in the same
     * place of the order over the same defaults: what Helm would see after a fix.
     *
     * @throws IllegalArgumentException when {@code file} is not one of the sources
     */
    public EffectiveValues replacing(SourceFile file, ValuesSource replacement) {
        List<ValuesSource> next = new ArrayList<>(sources);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).file() == file) {
                next.set(i, replacement);
                return new EffectiveValues(next, defaults);
            }
        }
        throw new IllegalArgumentException(file.displayName() + " is not one of the merged values files");
    }

    /** The source read from a file, or null when the file is not one of them. */
    public ValuesSource source(SourceFile file) {
        for (ValuesSource source : sources) {
            if (source.file() == file) {
                return source;
            }
        }
        return null;
    }

    public WorkflowVersion version() {
        return defaults.version();
    }

    public DefaultValues defaults() {
        return defaults;
    }

    public Value get(String dottedPath) {
        return get(ValuesPath.parse(dottedPath));
    }

    public Value get(ValuesPath path) {
        ChartDefault chartDefault = defaults.lookup(path).orElse(null);
        YamlMap map = merged;
        List<String> keys = path.keys();
        for (int i = 0; i < keys.size(); i++) {
            YamlEntry entry = map.entry(keys.get(i));
            if (entry == null) {
                return new Value(path, Value.State.UNSET, null, chartDefault, null);
            }
            YamlNode node = entry.value();
            if (node instanceof YamlScalar scalar && scalar.isNull()) {
                if (i < keys.size() - 1 && isEmptyPlaceholder(scalar)) {
                    // `deployment_annotations:` followed only by comments is how the stock chart leaves a map
                    // to be filled; nothing below it is set, so keys under it are unset, not deliberately deleted.
                    return new Value(path, Value.State.UNSET, null, chartDefault, null);
                }
                return new Value(path, Value.State.DELETED, entry, chartDefault, path.prefix(i + 1));
            }
            if (i == keys.size() - 1) {
                return new Value(path, Value.State.SET, entry, chartDefault, path);
            }
            if (!(node instanceof YamlMap next)) {
                return new Value(path, Value.State.BLOCKED, entry, chartDefault, path.prefix(i + 1));
            }
            map = next;
        }
        return new Value(path, Value.State.UNSET, null, chartDefault, null);
    }

    /** An empty value (`key:` and nothing else), as opposed to a written `null` or `~`. */
    private static boolean isEmptyPlaceholder(YamlScalar scalar) {
        return scalar.text().isEmpty()
                && scalar.style() == ScalarStyle.PLAIN
                && scalar.start().offset() == scalar.end().offset();
    }

    /** The map at a path (for annotation maps), or null when unset or not a map. */
    public YamlMap map(String dottedPath) {
        Value value = get(dottedPath);
        return value.node() instanceof YamlMap map ? map : null;
    }

    /**
     * The values file a fix for an unset key goes to, and where chart-default findings point: the last
     * one. `--set` values are not a file: they count only when no values file is configured.
     */
    public ValuesSource lastSource() {
        for (int i = sources.size() - 1; i >= 0; i--) {
            if (!sources.get(i).file().displayName().equals(SetValues.DISPLAY_NAME)) {
                return sources.get(i);
            }
        }
        return sources.get(sources.size() - 1);
    }

    /**
     * Where to point for a value: the line that set or deleted it; for a chart default, the deepest
     * existing parent key in the last values file (where the key would be added), or its first line.
     */
    public Location locate(Value value) {
        if (value.entry() != null) {
            return new Location(value.entry().file(), value.entry().valuePosition());
        }
        return locateAbsent(value.path());
    }

    /** Where a key that is set nowhere would be added: under its deepest existing parent in the last values file. */
    public Location locateAbsent(ValuesPath path) {
        ValuesSource last = lastSource();
        YamlMap map = last.root();
        TextPosition position = TextPosition.START;
        for (String key : path.keys()) {
            YamlEntry entry = map == null ? null : map.entry(key);
            if (entry == null || entry.file() != last.file()) {
                break;
            }
            position = entry.key().start();
            map = entry.value() instanceof YamlMap next ? next : null;
        }
        return new Location(last.file(), position);
    }
}
