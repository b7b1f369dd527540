package dev.workflowguard.manifests;

import dev.workflowguard.finding.Location;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One rendered Kubernetes object with the file and template it came from. */
public final class KubeObject {

    /** The kinds that run containers. */
    public static final List<String> WORKLOAD_KINDS = List.of(
            "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController");

    private final YamlMap root;
    private final String kind;
    private final String name;
    private final String sourceTemplate;
    private final int document;
    private final List<Object> basePath;

    public KubeObject(YamlMap root, String kind, String name, String sourceTemplate) {
        this(root, kind, name, sourceTemplate, 0, List.of());
    }

    /**
     * @param document the 0-based document of the file the object is in
     * @param basePath the path from the document root to the object (`items`, index) inside a List
     */
    public KubeObject(
            YamlMap root, String kind, String name, String sourceTemplate, int document, List<Object> basePath) {
        this.root = root;
        this.kind = kind;
        this.name = name;
        this.sourceTemplate = sourceTemplate;
        this.document = document;
        this.basePath = List.copyOf(basePath);
    }

    /** The path from the document root to this object (empty unless it is an item of a List). */
    public List<Object> basePath() {
        return basePath;
    }

    /** The 0-based document of the file this object is in. */
    public int document() {
        return document;
    }

    /** The path from the document root to a field of this object, for an edit. */
    public List<Object> path(Object... steps) {
        List<Object> path = new ArrayList<>(basePath);
        path.addAll(List.of(steps));
        return path;
    }

    /** A literal environment variable value in a container, with the path that reaches it. */
    public record EnvValue(YamlEntry entry, List<Object> path) {}

    public YamlMap root() {
        return root;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public SourceFile file() {
        return root.file();
    }

    /** The template named by the document's `# Source:` comment, or null. */
    public String sourceTemplate() {
        return sourceTemplate;
    }

    /** `Kind/name`, as findings name objects. */
    public String ref() {
        return kind + "/" + name;
    }

    public boolean is(String kind, String name) {
        return this.kind.equals(kind) && this.name.equals(name);
    }

    public boolean isWorkload() {
        return WORKLOAD_KINDS.contains(kind);
    }

    /** Where the object is named (its `metadata.name` line): where object-level findings point. */
    public Location location() {
        YamlEntry nameEntry = entryAt("metadata", "name");
        TextPosition position = nameEntry != null ? nameEntry.valuePosition() : root.start();
        return new Location(root.file(), position);
    }

    /** The location of a node inside this object. */
    public Location locationOf(YamlNode node) {
        return new Location(node.file(), node.start());
    }

    public Location locationOf(YamlEntry entry) {
        return new Location(entry.file(), entry.valuePosition());
    }

    /** The entry at a path of keys, or null. */
    public YamlEntry entryAt(String... keys) {
        YamlMap map = root;
        YamlEntry entry = null;
        for (String key : keys) {
            if (map == null) {
                return null;
            }
            entry = map.entry(key);
            if (entry == null) {
                return null;
            }
            map = entry.value() instanceof YamlMap next ? next : null;
        }
        return entry;
    }

    public YamlNode at(String... keys) {
        YamlEntry entry = entryAt(keys);
        return entry == null ? null : entry.value();
    }

    /** The scalar text at a path, or null when absent or not a scalar. */
    public String text(String... keys) {
        return at(keys) instanceof YamlScalar scalar && !scalar.isNull() ? scalar.text() : null;
    }

    public YamlMap annotations() {
        return at("metadata", "annotations") instanceof YamlMap map ? map : null;
    }

    /** The annotation's entry, or null. */
    public YamlEntry annotation(String key) {
        YamlMap annotations = annotations();
        return annotations == null ? null : annotations.entry(key);
    }

    /** The pod spec of a workload (Deployment, CronJob, Pod…), or null. */
    public YamlMap podSpec() {
        YamlNode spec = switch (kind) {
            case "Pod" -> at("spec");
            case "CronJob" -> at("spec", "jobTemplate", "spec", "template", "spec");
            default -> at("spec", "template", "spec");
        };
        return spec instanceof YamlMap map ? map : null;
    }

    /** The containers and init containers of a workload, in file order. */
    public List<YamlMap> containers() {
        return containersWithPaths().stream().map(Container::container).toList();
    }

    /** A container or init container of a workload, with the path from the document root that reaches it. */
    public record Container(YamlMap container, List<Object> path) {}

    /** The containers and init containers of a workload with their paths, in file order (for an edit). */
    public List<Container> containersWithPaths() {
        List<Container> containers = new ArrayList<>();
        YamlMap spec = podSpec();
        if (spec == null) {
            return containers;
        }
        List<Object> specPath = switch (kind) {
            case "Pod" -> List.of("spec");
            case "CronJob" -> List.of("spec", "jobTemplate", "spec", "template", "spec");
            default -> List.of("spec", "template", "spec");
        };
        for (String key : List.of("initContainers", "containers")) {
            if (spec.get(key) instanceof YamlList list) {
                for (int i = 0; i < list.items().size(); i++) {
                    if (list.items().get(i) instanceof YamlMap container) {
                        List<Object> path = new ArrayList<>(basePath);
                        path.addAll(specPath);
                        path.add(key);
                        path.add(i);
                        containers.add(new Container(container, path));
                    }
                }
            }
        }
        return containers;
    }

    /**
     * Whether any container lists the environment variable at all (with a value, a `valueFrom`, or neither):
     * false means the template left it out, so whatever the image does without it applies.
     */
    public boolean declaresEnv(String variable) {
        return containers().stream()
                .map(container -> container.get("env"))
                .filter(YamlList.class::isInstance)
                .flatMap(env -> ((YamlList) env).items().stream())
                .anyMatch(item -> item instanceof YamlMap var
                        && var.get("name") instanceof YamlScalar name
                        && variable.equals(name.text()));
    }

    /** The `env:` entry of the first container that has one, or null: where a variable left out would go. */
    public YamlEntry firstEnvEntry() {
        return containers().stream()
                .map(container -> container.entry("env"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** The `value:` entries of an environment variable set literally in any container. */
    public List<YamlEntry> envValues(String variable) {
        return env(variable).stream().map(EnvValue::entry).toList();
    }

    /**
     * The literal values of an environment variable in every container, with their paths; a
     * variable listed with neither `value` nor `valueFrom` counts as set to "" (as Kubernetes does).
     */
    public List<EnvValue> env(String variable) {
        List<EnvValue> found = new ArrayList<>();
        for (Container container : containersWithPaths()) {
            if (!(container.container.get("env") instanceof YamlList env)) {
                continue;
            }
            for (int i = 0; i < env.items().size(); i++) {
                if (env.items().get(i) instanceof YamlMap var
                        && var.get("name") instanceof YamlScalar varName
                        && variable.equals(varName.text())) {
                    List<Object> path = new ArrayList<>(container.path);
                    path.add("env");
                    path.add(i);
                    path.add("value");
                    YamlEntry value = var.entry("value");
                    if (value != null) {
                        found.add(new EnvValue(value, path));
                    } else if (var.get("valueFrom") == null) {
                        found.add(new EnvValue(new YamlEntry(varName, emptyAt(varName)), path));
                    }
                }
            }
        }
        return found;
    }

    private static YamlScalar emptyAt(YamlScalar near) {
        return new YamlScalar(near.file(), near.start(), near.end(), "", ScalarStyle.PLAIN, HelmType.NULL);
    }

    @Override
    public String toString() {
        return ref();
    }
}
