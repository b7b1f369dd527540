package dev.workflowguard.manifests;

import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Cuts a committed object down to the fields some rule reads (names, annotations, replicas,
 * autoscaling targets, containers' names, images, env and ports, Secret data), keeping the original
 * nodes and their positions. List items are all kept, so paths to them (fixes) stay valid.
 */
final class Pruner {

    private static final Set<String> TOP =
            Set.of("apiVersion", "kind", "metadata", "spec", "data", "stringData", "type", "items");
    private static final Set<String> METADATA = Set.of("name", "namespace", "annotations");
    private static final Set<String> SPEC = Set.of(
            "replicas", "minReplicas", "scaleTargetRef", "template", "jobTemplate", "containers", "initContainers");
    private static final Set<String> TEMPLATE = Set.of("spec");
    private static final Set<String> POD_SPEC = Set.of("containers", "initContainers");
    private static final Set<String> CONTAINER = Set.of("name", "image", "env", "ports");
    private static final Set<String> ENV = Set.of("name", "value", "valueFrom");
    private static final Set<String> PORT = Set.of("containerPort", "hostPort", "name");

    private Pruner() {}

    static KubeObject prune(KubeObject object) {
        YamlMap root = object.root();
        LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
        for (YamlEntry entry : root.entries()) {
            if (!TOP.contains(entry.name())) {
                continue;
            }
            YamlNode value = switch (entry.name()) {
                case "metadata" -> only(entry.value(), METADATA);
                case "spec" -> spec(entry.value());
                default -> entry.value();
            };
            kept.put(entry.name(), value == entry.value() ? entry : new YamlEntry(entry.key(), value));
        }
        return new KubeObject(
                new YamlMap(root.file(), root.start(), root.end(), kept),
                object.kind(),
                object.name(),
                object.sourceTemplate(),
                object.document(),
                object.basePath());
    }

    private static YamlNode spec(YamlNode spec) {
        if (!(spec instanceof YamlMap map)) {
            return spec;
        }
        LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
        for (YamlEntry entry : map.entries()) {
            if (!SPEC.contains(entry.name())) {
                continue;
            }
            YamlNode value = switch (entry.name()) {
                case "template" -> template(entry.value());
                case "jobTemplate" -> jobTemplate(entry.value());
                case "containers", "initContainers" -> containers(entry.value());
                default -> entry.value();
            };
            kept.put(entry.name(), new YamlEntry(entry.key(), value));
        }
        return new YamlMap(map.file(), map.start(), map.end(), kept);
    }

    private static YamlNode jobTemplate(YamlNode node) {
        if (!(node instanceof YamlMap map) || !(map.get("spec") instanceof YamlMap spec)) {
            return node;
        }
        LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
        if (spec.entry("template") != null) {
            kept.put("template", new YamlEntry(spec.entry("template").key(), template(spec.get("template"))));
        }
        LinkedHashMap<String, YamlEntry> outer = new LinkedHashMap<>();
        outer.put(
                "spec",
                new YamlEntry(map.entry("spec").key(), new YamlMap(spec.file(), spec.start(), spec.end(), kept)));
        return new YamlMap(map.file(), map.start(), map.end(), outer);
    }

    private static YamlNode template(YamlNode node) {
        if (!(node instanceof YamlMap map) || !(map.get("spec") instanceof YamlMap podSpec)) {
            return only(node, TEMPLATE);
        }
        LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
        for (YamlEntry entry : podSpec.entries()) {
            if (POD_SPEC.contains(entry.name())) {
                kept.put(entry.name(), new YamlEntry(entry.key(), containers(entry.value())));
            }
        }
        LinkedHashMap<String, YamlEntry> outer = new LinkedHashMap<>();
        outer.put(
                "spec",
                new YamlEntry(
                        map.entry("spec").key(), new YamlMap(podSpec.file(), podSpec.start(), podSpec.end(), kept)));
        return new YamlMap(map.file(), map.start(), map.end(), outer);
    }

    private static YamlNode containers(YamlNode node) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> items = new ArrayList<>(list.items().size());
        for (YamlNode item : list.items()) {
            if (item instanceof YamlMap container) {
                LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
                for (YamlEntry entry : container.entries()) {
                    if (!CONTAINER.contains(entry.name())) {
                        continue;
                    }
                    YamlNode value = switch (entry.name()) {
                        case "env" -> each(entry.value(), ENV);
                        case "ports" -> each(entry.value(), PORT);
                        default -> entry.value();
                    };
                    kept.put(entry.name(), new YamlEntry(entry.key(), value));
                }
                items.add(new YamlMap(container.file(), container.start(), container.end(), kept));
            } else {
                items.add(item);
            }
        }
        return new YamlList(list.file(), list.start(), list.end(), items);
    }

    private static YamlNode each(YamlNode node, Set<String> keys) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> items = new ArrayList<>(list.items().size());
        for (YamlNode item : list.items()) {
            items.add(only(item, keys));
        }
        return new YamlList(list.file(), list.start(), list.end(), items);
    }

    private static YamlNode only(YamlNode node, Set<String> keys) {
        if (!(node instanceof YamlMap map)) {
            return node;
        }
        LinkedHashMap<String, YamlEntry> kept = new LinkedHashMap<>();
        for (YamlEntry entry : map.entries()) {
            if (keys.contains(entry.name())) {
                kept.put(entry.name(), entry);
            }
        }
        return new YamlMap(map.file(), map.start(), map.end(), kept);
    }
}
