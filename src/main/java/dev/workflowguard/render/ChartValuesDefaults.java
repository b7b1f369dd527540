package dev.workflowguard.render;

import dev.workflowguard.finding.Location;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.ChartDefault;
import dev.workflowguard.values.DefaultValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The defaults a chart brings: its own values.yaml and those of its subcharts (vendored under
 * `charts/`), resolved as Helm coalesces them. A parent's `<subchart>:` values override the
 * subchart's own; `global` flows down from the umbrella to every subchart, never up. Each default
 * remembers the file and line that set it, so a finding can say "chart default in
 * charts/controller/values.yaml:8".
 */
public final class ChartValuesDefaults implements DefaultValues {

    /** One chart or subchart: its values and its own subcharts by name. */
    private record Node(YamlMap values, Map<String, Node> subcharts) {}

    private final Node root;
    private final WorkflowVersion version;

    private ChartValuesDefaults(Node root, WorkflowVersion version) {
        this.root = root;
        this.version = version;
    }

    /** The chart's defaults, for the Workflow release the check assumes (the chart's own version when it has one). */
    public static ChartValuesDefaults read(Chart chart, YamlLimits limits, WorkflowVersion version)
            throws RenderException {
        return new ChartValuesDefaults(
                node(chart, chart.directory(), new SourceReader(limits), new YamlLoader(limits)), version);
    }

    private static Node node(Chart chart, Path directory, SourceReader reader, YamlLoader loader)
            throws RenderException {
        YamlMap values = null;
        Path valuesFile = directory.resolve("values.yaml");
        if (Files.isRegularFile(valuesFile)) {
            try {
                SourceFile file = reader.read(valuesFile, chart.display(valuesFile));
                YamlDocument document = loader.loadFirst(file);
                if (document != null && document.root() instanceof YamlMap map) {
                    values = map;
                }
            } catch (YamlException e) {
                throw new RenderException(e.getMessage());
            }
        }
        Map<String, Node> subcharts = new LinkedHashMap<>();
        Path charts = directory.resolve("charts");
        if (Files.isDirectory(charts)) {
            try (Stream<Path> children = Files.list(charts)) {
                for (Path child : children.sorted().toList()) {
                    if (Files.isRegularFile(child.resolve("Chart.yaml"))) {
                        subcharts.put(child.getFileName().toString(), node(chart, child, reader, loader));
                    }
                }
            } catch (IOException e) {
                throw new RenderException(chart.display(charts) + " cannot be listed: " + e.getMessage());
            }
        }
        return new Node(values, subcharts);
    }

    @Override
    public WorkflowVersion version() {
        return version;
    }

    /** Every scalar the chart and its subcharts set, as the path a values file would override it with. */
    @Override
    public Collection<ValuesPath> paths() {
        Set<ValuesPath> paths = new LinkedHashSet<>();
        collect(root, List.of(), paths);
        return paths;
    }

    private static void collect(Node node, List<String> prefix, Set<ValuesPath> out) {
        if (node.values != null) {
            for (YamlEntry entry : node.values.entries()) {
                // A subchart's own `global:` defaults the umbrella's global keys: global flows down, never up.
                scalars(entry, entry.name().equals("global") ? List.of() : prefix, out);
            }
        }
        for (Map.Entry<String, Node> sub : node.subcharts.entrySet()) {
            List<String> keys = new ArrayList<>(prefix);
            keys.add(sub.getKey());
            collect(sub.getValue(), keys, out);
        }
    }

    private static void scalars(YamlEntry entry, List<String> prefix, Set<ValuesPath> out) {
        List<String> keys = new ArrayList<>(prefix);
        keys.add(entry.name());
        if (entry.value() instanceof YamlMap child) {
            for (YamlEntry inner : child.entries()) {
                scalars(inner, keys, out);
            }
        } else if (entry.value() instanceof YamlScalar scalar && !scalar.isNull()) {
            out.add(new ValuesPath(keys));
        }
    }

    @Override
    public Optional<ChartDefault> lookup(ValuesPath path) {
        List<String> keys = path.keys();
        YamlEntry found = keys.get(0).equals("global") ? global(root, keys) : local(root, keys);
        if (found == null || !(found.value() instanceof YamlScalar scalar) || scalar.isNull()) {
            return Optional.empty();
        }
        Location at = new Location(found.file(), found.valuePosition());
        return Optional.of(new ChartDefault(
                scalar.rendered(),
                "chart default in " + found.file().displayName() + ":" + at.line() + " is \"" + scalar.rendered()
                        + "\"",
                at));
    }

    @Override
    public Optional<Location> nearest(ValuesPath path) {
        List<String> keys = path.keys();
        Deepest found = keys.get(0).equals("global") ? nearestGlobal(root, keys) : nearestLocal(root, keys);
        return found == null
                ? Optional.empty()
                : Optional.of(
                        new Location(found.entry().file(), found.entry().key().start()));
    }

    /** The deepest entry along a path, and how many of the path's keys it matched. */
    private record Deepest(YamlEntry entry, int depth) {}

    /** The chart's own deepest entry along the path, or its subchart's when that goes deeper (parents win ties). */
    private static Deepest nearestLocal(Node node, List<String> keys) {
        Deepest own = deepest(node.values, keys);
        Node sub = node.subcharts.get(keys.get(0));
        if (sub != null && keys.size() >= 2) {
            Deepest inSub = nearestLocal(sub, keys.subList(1, keys.size()));
            if (inSub != null && (own == null || inSub.depth() + 1 > own.depth())) {
                return new Deepest(inSub.entry(), inSub.depth() + 1);
            }
        }
        return own;
    }

    /** The same for `global`, which every subchart may also set (the umbrella's wins ties). */
    private static Deepest nearestGlobal(Node node, List<String> keys) {
        Deepest best = deepest(node.values, keys);
        for (Node sub : node.subcharts.values()) {
            Deepest found = nearestGlobal(sub, keys);
            if (found != null && (best == null || found.depth() > best.depth())) {
                best = found;
            }
        }
        return best;
    }

    private static Deepest deepest(YamlMap map, List<String> keys) {
        YamlNode node = map;
        Deepest found = null;
        for (int i = 0; i < keys.size(); i++) {
            YamlEntry entry = node instanceof YamlMap current ? current.entry(keys.get(i)) : null;
            if (entry == null) {
                break;
            }
            found = new Deepest(entry, i + 1);
            node = entry.value();
        }
        return found;
    }

    /** A chart's own value at the path, else its subchart's (parents win, as Helm coalesces). */
    private static YamlEntry local(Node node, List<String> keys) {
        YamlEntry own = entry(node.values, keys);
        if (own != null) {
            return own;
        }
        Node sub = node.subcharts.get(keys.get(0));
        return sub == null || keys.size() < 2 ? null : local(sub, keys.subList(1, keys.size()));
    }

    /** `global` flows down: the umbrella's global wins, then the subcharts' own global defaults. */
    private static YamlEntry global(Node node, List<String> keys) {
        YamlEntry own = entry(node.values, keys);
        if (own != null) {
            return own;
        }
        for (Node sub : node.subcharts.values()) {
            YamlEntry found = global(sub, keys);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static YamlEntry entry(YamlMap map, List<String> keys) {
        YamlNode node = map;
        YamlEntry entry = null;
        for (String key : keys) {
            if (!(node instanceof YamlMap current)) {
                return null;
            }
            entry = current.entry(key);
            if (entry == null) {
                return null;
            }
            node = entry.value();
        }
        return entry;
    }
}
