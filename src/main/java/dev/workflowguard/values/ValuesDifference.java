package dev.workflowguard.values;

import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys whose effective value differs between two views of the same values, as Helm sees them: the
 * files merged in order (maps merge, anything else replaces, a null deletes), then coalesced onto the
 * chart defaults (a user null deletes what the chart sets). A fix uses it to prove that it changed the
 * keys it reports and nothing else, as the editor proves each file by parsing it again.
 */
public final class ValuesDifference {

    private ValuesDifference() {}

    /** A key whose effective value differs, with what decided it before and after. */
    public record Changed(ValuesPath path, Value before, Value after) {

        /** True when the key is {@code prefix} or lies under it. */
        public boolean isUnder(ValuesPath prefix) {
            return path.size() >= prefix.size()
                    && path.keys().subList(0, prefix.size()).equals(prefix.keys());
        }
    }

    /**
     * Every key under the given top-level keys whose effective value differs: the leaves (scalars, nulls,
     * lists, empty mappings) of both merged trees and every key the chart defaults are known for.
     *
     * @param topLevelKeys where to look: a fix changes its files only under the top-level keys of the paths
     *     it writes (the editor proves each file means the old one plus exactly those keys)
     */
    public static List<Changed> between(EffectiveValues before, EffectiveValues after, Set<String> topLevelKeys) {
        Set<ValuesPath> paths = new LinkedHashSet<>();
        leaves(before.merged(), List.of(), topLevelKeys, paths);
        leaves(after.merged(), List.of(), topLevelKeys, paths);
        for (ValuesPath known : before.defaults().paths()) {
            if (topLevelKeys.contains(known.keys().get(0))) {
                paths.add(known);
            }
        }
        List<Changed> changed = new ArrayList<>();
        for (ValuesPath path : paths) {
            Value was = before.get(path);
            Value is = after.get(path);
            String a = meaning(was);
            String b = meaning(is);
            // A mapping where there was nothing means nothing by itself: the keys in it are compared one by one.
            boolean mappingAppears = (a.equals(MAP) && b.equals(ABSENT)) || (a.equals(ABSENT) && b.equals(MAP));
            if (!a.equals(b) && !mappingAppears) {
                changed.add(new Changed(path, was, is));
            }
        }
        return changed;
    }

    private static final String MAP = "mapping";
    private static final String ABSENT = "absent";

    /** What a template sees at a key, as one comparable word. */
    private static String meaning(Value value) {
        return switch (value.state()) {
            case SET ->
                value.entry().value() instanceof YamlMap
                        ? MAP
                        : "= " + canonical(value.entry().value());
            case UNSET -> value.chartDefault() != null ? "chart default" : ABSENT;
            // A null deletes (the chart's default with it); a scalar or a list in a parent's place leaves no key.
            case DELETED, BLOCKED -> ABSENT;
        };
    }

    /** A node as Helm types it, positions and quoting left out. */
    private static String canonical(YamlNode node) {
        if (node instanceof YamlScalar scalar) {
            return scalar.type() + ":" + scalar.rendered();
        }
        StringBuilder out = new StringBuilder();
        if (node instanceof YamlList list) {
            out.append('[');
            for (YamlNode item : list.items()) {
                out.append(canonical(item)).append(',');
            }
            return out.append(']').toString();
        }
        out.append('{');
        for (YamlEntry entry : ((YamlMap) node).entries()) {
            out.append(entry.name().length())
                    .append(':')
                    .append(entry.name())
                    .append('=')
                    .append(canonical(entry.value()))
                    .append(',');
        }
        return out.append('}').toString();
    }

    private static void leaves(YamlMap map, List<String> prefix, Set<String> topLevelKeys, Set<ValuesPath> out) {
        for (YamlEntry entry : map.entries()) {
            if (prefix.isEmpty() && !topLevelKeys.contains(entry.name())) {
                continue;
            }
            List<String> keys = new ArrayList<>(prefix);
            keys.add(entry.name());
            if (entry.value() instanceof YamlMap child && child.size() > 0) {
                leaves(child, keys, topLevelKeys, out);
            } else {
                out.add(new ValuesPath(keys));
            }
        }
    }
}
