package dev.workflowguard.manifests;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the documents of manifest files into {@link KubeObject}s. Documents that are not
 * Kubernetes objects (no `kind` or no `metadata.name`: kustomization files, values files kept next
 * to the render) are skipped; `kind: List` is unpacked.
 */
public final class ManifestReader {

    /** The kinds some rule reads; everything else is dropped after duplicate-key checking. */
    static final Set<String> KINDS_READ = Set.of("Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job",
            "CronJob", "Pod", "ReplicationController", "Service", "Secret", "HorizontalPodAutoscaler", "Role",
            "ClusterRole");

    private final YamlLoader loader;

    public ManifestReader(YamlLoader loader) {
        this.loader = loader;
    }

    public ManifestSet read(List<SourceFile> files) throws YamlException {
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestSet.ManifestDuplicate> duplicates = new ArrayList<>();
        for (SourceFile file : files) {
            readFile(file, objects, duplicates);
        }
        return new ManifestSet(objects, duplicates, files);
    }

    void readFile(SourceFile file, List<KubeObject> objects, List<ManifestSet.ManifestDuplicate> duplicates)
            throws YamlException {
        loader.forEachDocument(file, document -> {
            List<KubeObject> found = new ArrayList<>();
            collect(document, document.root(), List.of(), found);
            String owner = found.size() == 1 ? found.get(0).ref() : null;
            document.duplicates().forEach(d -> duplicates.add(new ManifestSet.ManifestDuplicate(d, owner)));
            for (KubeObject object : found) {
                if (KINDS_READ.contains(object.kind())) {
                    objects.add(object);
                }
            }
        });
    }

    private static void collect(YamlDocument document, YamlNode node, List<Object> path, List<KubeObject> into) {
        if (!(node instanceof YamlMap map)) {
            return;
        }
        String kind = map.get("kind") instanceof YamlScalar k && !k.isNull() ? k.text() : null;
        if (kind == null) {
            return;
        }
        if (kind.endsWith("List") && map.get("items") instanceof YamlList items) {
            for (int i = 0; i < items.items().size(); i++) {
                List<Object> itemPath = new ArrayList<>(path);
                itemPath.add("items");
                itemPath.add(i);
                collect(document, items.items().get(i), itemPath, into);
            }
            return;
        }
        if (map.get("metadata") instanceof YamlMap metadata && metadata.get("name") instanceof YamlScalar name
                && !name.isNull()) {
            into.add(new KubeObject(map, kind, name.text(), document.sourceComment(), document.index(), path));
        }
    }
}
