package dev.workflowguard.manifests;

import dev.workflowguard.yaml.DuplicateKey;
import dev.workflowguard.yaml.SourceFile;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rendered objects the rules read, plus the duplicate keys found while reading every document.
 * Objects of kinds no rule reads (ConfigMaps, CRDs…) are dropped after reading, so memory follows
 * what matters, not the size of the repository.
 *
 * @param objects the objects kept, in file order
 * @param duplicates repeated keys, with the object they were found in (or null)
 * @param files the manifest files read
 */
public record ManifestSet(List<KubeObject> objects, List<ManifestDuplicate> duplicates, List<SourceFile> files) {

    /** A repeated key in a manifest, with the object it belongs to when the document is one. */
    public record ManifestDuplicate(DuplicateKey duplicate, String object) {
    }

    public ManifestSet {
        objects = List.copyOf(objects);
        duplicates = List.copyOf(duplicates);
        files = List.copyOf(files);
    }

    public Stream<KubeObject> ofKind(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind));
    }

    public Stream<KubeObject> named(String kind, String name) {
        return objects.stream().filter(o -> o.is(kind, name));
    }

    public boolean contains(String kind, String name) {
        return named(kind, name).findAny().isPresent();
    }
}
