package dev.workflowguard.manifests;

import dev.workflowguard.yaml.DuplicateKey;
import dev.workflowguard.yaml.SourceFile;
import java.util.List;

/**
 * The rendered objects the rules read, plus the duplicate keys found while reading every document.
 * Objects no rule reads (ConfigMaps, CRDs…) are dropped after reading (see {@link ManifestSelection}),
 * so memory follows what matters, not the size of the repository.
 *
 * @param objects the objects kept, in file order
 * @param duplicates repeated keys, with the object they were found in (or null)
 * @param files the manifest files read
 */
public record ManifestSet(List<KubeObject> objects, List<ManifestDuplicate> duplicates, List<SourceFile> files) {

    /** A repeated key in a manifest, with the object it belongs to when the document is one. */
    public record ManifestDuplicate(DuplicateKey duplicate, String object) {}

    public ManifestSet {
        objects = List.copyOf(objects);
        duplicates = List.copyOf(duplicates);
        files = List.copyOf(files);
    }

    /** The objects of that kind, in file order. */
    public List<KubeObject> ofKind(String kind) {
        return objects.stream().filter(object -> object.kind().equals(kind)).toList();
    }

    /** The objects of that kind and name, in file order. */
    public List<KubeObject> named(String kind, String name) {
        return objects.stream().filter(object -> object.is(kind, name)).toList();
    }

    /** The first object of that kind and name, or null. */
    public KubeObject first(String kind, String name) {
        return objects.stream()
                .filter(object -> object.is(kind, name))
                .findFirst()
                .orElse(null);
    }

    public boolean contains(String kind, String name) {
        return first(kind, name) != null;
    }
}
