package dev.workflowguard.manifests;

import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a committed object down to the fields read (paths as {@link ObjectField} writes them),
 * keeping the original nodes and their positions. List items are all kept, so paths to them
 * (fixes) stay valid; a value of another shape than its path expects is kept as it is.
 */
final class Pruner {

    /** Where the kinds of workload keep their pod spec: `containers[]` in a path stands for each. */
    private static final List<String> POD_SPECS =
            List.of("spec", "spec.template.spec", "spec.jobTemplate.spec.template.spec");

    private static final List<String> CONTAINER_LISTS = List.of("containers[]", "initContainers[]");

    /** The keys kept below a node; a node where a path ends keeps its whole value. */
    private static final class Keep {
        private final Map<String, Keep> below = new HashMap<>();
        private boolean whole;
        private boolean list;
    }

    private final Keep root = new Keep();

    Pruner(Collection<String> paths) {
        for (String path : paths) {
            if (path.equals(ObjectField.CONTAINERS) || path.startsWith(ObjectField.CONTAINERS + ".")) {
                String inContainer = path.substring(ObjectField.CONTAINERS.length());
                POD_SPECS.forEach(podSpec -> CONTAINER_LISTS.forEach(list -> add(podSpec + "." + list + inContainer)));
            } else {
                add(path);
            }
        }
    }

    private void add(String path) {
        Keep node = root;
        for (String step : path.split("\\.")) {
            boolean list = step.endsWith("[]");
            node = node.below.computeIfAbsent(list ? step.substring(0, step.length() - 2) : step, key -> new Keep());
            node.list |= list;
        }
        node.whole = true;
    }

    KubeObject prune(KubeObject object) {
        return new KubeObject(
                map(object.root(), root),
                object.kind(),
                object.name(),
                object.sourceTemplate(),
                object.document(),
                object.basePath());
    }

    private static YamlMap map(YamlMap map, Keep keep) {
        LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
        for (YamlEntry entry : map.entries()) {
            Keep below = keep.below.get(entry.name());
            if (below != null) {
                YamlNode value = value(entry.value(), below);
                kept.put(entry.name(), value == entry.value() ? entry : new YamlEntry(entry.key(), value));
            }
        }
        return new YamlMap(map.file(), map.start(), map.end(), kept);
    }

    private static YamlNode value(YamlNode node, Keep keep) {
        if (keep.whole) {
            return node;
        }
        if (keep.list) {
            return node instanceof YamlList list ? items(list, keep) : node;
        }
        return node instanceof YamlMap map ? map(map, keep) : node;
    }

    private static YamlList items(YamlList list, Keep keep) {
        List<YamlNode> items = list.items().stream()
                .map(item -> item instanceof YamlMap map ? map(map, keep) : item)
                .toList();
        return new YamlList(list.file(), list.start(), list.end(), items);
    }
}
