package dev.workflowguard.manifests;

import dev.workflowguard.yaml.DuplicateKey;
import dev.workflowguard.yaml.SourceFile;
import java.util.ArrayList;
import java.util.List;

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
    public record ManifestDuplicate(DuplicateKey duplicate, String object) {}

    public ManifestSet {
        objects = List.copyOf(objects);
        duplicates = List.copyOf(duplicates);
        files = List.copyOf(files);
    }

    // Loops, not streams: the rules ask these on every check, in a cold JVM (see the rules package).

    /** The objects of that kind, in file order. */
    public List<KubeObject> ofKind(String kind) {
        List<KubeObject> found = new ArrayList<>();
        for (KubeObject object : objects) {
            if (object.kind().equals(kind)) {
                found.add(object);
            }
        }
        return found;
    }

    /** The objects of that kind and name, in file order. */
    public List<KubeObject> named(String kind, String name) {
        List<KubeObject> found = new ArrayList<>();
        for (KubeObject object : objects) {
            if (object.is(kind, name)) {
                found.add(object);
            }
        }
        return found;
    }

    /** The first object of that kind and name, or null. */
    public KubeObject first(String kind, String name) {
        for (KubeObject object : objects) {
            if (object.is(kind, name)) {
                return object;
            }
        }
        return null;
    }

    public boolean contains(String kind, String name) {
        return first(kind, name) != null;
    }
}
