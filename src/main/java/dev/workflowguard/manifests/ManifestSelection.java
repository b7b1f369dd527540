package dev.workflowguard.manifests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rendered objects the manifest reader keeps, and which of their fields, built from what
 * the rules declare they read ({@link ObjectMatch}). Documents of other kinds and names are only
 * checked for repeated keys; a committed object is pruned to the fields read, so memory follows
 * what the rules look at, not the size of the repository.
 */
public final class ManifestSelection {

    /**
     * What every kept object keeps, whichever rule reads it: what names it and the annotations that
     * suppress its findings, and what secret masking reads (a Secret's values, the containers'
     * environment), so that no credential in a kept object escapes the mask.
     */
    static final List<String> ALWAYS_KEPT = List.of(
            "apiVersion",
            "kind",
            "metadata.name",
            "metadata.namespace",
            "metadata.annotations",
            "data",
            "stringData",
            "containers[].env[].name",
            "containers[].env[].value");

    private final List<ObjectMatch> matches;
    private final Map<String, List<ObjectMatch>> byKind = new LinkedHashMap<>();
    private final Pruner pruner;

    private ManifestSelection(List<ObjectMatch> matches) {
        this.matches = List.copyOf(matches);
        List<String> paths = new ArrayList<>(ALWAYS_KEPT);
        for (ObjectMatch match : this.matches) {
            for (String kind : match.kinds()) {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(match);
            }
            match.fields().forEach(field -> paths.addAll(field.paths()));
        }
        this.pruner = new Pruner(paths);
    }

    public static ManifestSelection of(Collection<ObjectMatch> matches) {
        return new ManifestSelection(List.copyOf(matches));
    }

    public List<ObjectMatch> matches() {
        return matches;
    }

    /** Whether some object of this kind is read: the objects of a fresh render are kept by kind alone. */
    public boolean keepsKind(String kind) {
        return byKind.containsKey(kind);
    }

    /**
     * Whether a document is kept, decided from its kind, name and whether it has `stringData`, read
     * without building its tree. A `kind: List` is kept so that its items can be unpacked and decided.
     */
    public boolean keeps(String kind, String name, boolean hasStringData) {
        if (kind == null) {
            return false;
        }
        if (kind.endsWith("List")) {
            return true;
        }
        return byKind.getOrDefault(kind, List.of()).stream().anyMatch(m -> m.matchesName(name, hasStringData));
    }

    /** Whether a kept object is one some rule reads. */
    public boolean keeps(KubeObject object) {
        return keepsKind(object.kind()) && keeps(object.kind(), object.name(), object.at("stringData") != null);
    }

    /** The object cut down to the fields read, with its original nodes and positions. */
    public KubeObject prune(KubeObject object) {
        return pruner.prune(object);
    }
}
