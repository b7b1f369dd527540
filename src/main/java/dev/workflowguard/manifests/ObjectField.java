package dev.workflowguard.manifests;

import java.util.List;

/**
 * A field of a rendered object that something reads: a label for the docs, and the paths the
 * {@link ManifestSelection} keeps when it prunes a committed object.
 *
 * <p>A path is keys joined by dots; a key ending in {@code []} is a list, each of whose mapping
 * items keeps the rest of the path ({@code spec.ports[].hostPort}). A path that starts with
 * {@code containers[]} stands for every container and init container of a workload's pod spec,
 * wherever its kind keeps it ({@code spec}, {@code spec.template.spec},
 * {@code spec.jobTemplate.spec.template.spec}). A path that ends keeps the whole value there.
 *
 * @param label how the docs name the field ("env `REGISTRATION_MODE`")
 * @param paths the paths to keep
 */
public record ObjectField(String label, List<String> paths) {

    /** Every container and init container of a workload, as the first key of a path. */
    public static final String CONTAINERS = "containers[]";

    public static final ObjectField ANNOTATIONS = new ObjectField("annotations", List.of("metadata.annotations"));
    public static final ObjectField CONTAINER_NAMES = new ObjectField("container names", List.of("containers[].name"));
    public static final ObjectField IMAGES = new ObjectField("container images", List.of("containers[].image"));
    public static final ObjectField HOST_PORTS =
            new ObjectField("container host ports", List.of("containers[].ports[].hostPort"));

    /** How {@link KubeObject#env(String)} finds a variable: by name, literal value, or value from elsewhere. */
    private static final List<String> ENV_PATHS =
            List.of("containers[].env[].name", "containers[].env[].value", "containers[].env[].valueFrom");

    public ObjectField {
        paths = List.copyOf(paths);
    }

    /** A field at one path, labelled by it. */
    public static ObjectField of(String path) {
        return new ObjectField("`" + path + "`", List.of(path));
    }

    /** One annotation; the pruner keeps the annotations whole. */
    public static ObjectField annotation(String name) {
        return new ObjectField("annotation `" + name + "`", List.of("metadata.annotations"));
    }

    /** One environment variable of the containers; the pruner keeps every variable's name and value. */
    public static ObjectField env(String variable) {
        return new ObjectField("env `" + variable + "`", ENV_PATHS);
    }
}
