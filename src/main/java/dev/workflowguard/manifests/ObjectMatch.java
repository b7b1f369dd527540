package dev.workflowguard.manifests;

import java.util.ArrayList;
import java.util.List;

/**
 * Rendered objects something reads, by kind and name, with the fields it reads of them: the unit
 * from which the manifest reader's selection and its pruning are built.
 *
 * @param kinds the kinds matched
 * @param name the exact name, or null
 * @param namePrefix the start of the name, or null (neither: any name)
 * @param stringDataOnly only objects that have `stringData` (Secrets written with literal values)
 * @param fields the fields read; none when only the object's presence matters
 */
public record ObjectMatch(
        List<String> kinds, String name, String namePrefix, boolean stringDataOnly, List<ObjectField> fields) {

    public ObjectMatch {
        kinds = List.copyOf(kinds);
        fields = List.copyOf(fields);
    }

    /** The object of that kind and name. */
    public static ObjectMatch named(String kind, String name) {
        return new ObjectMatch(List.of(kind), name, null, false, List.of());
    }

    /** Objects of those kinds whose names start with the prefix. */
    public static ObjectMatch prefixed(String namePrefix, List<String> kinds) {
        return new ObjectMatch(kinds, null, namePrefix, false, List.of());
    }

    /** Every object of the kind. */
    public static ObjectMatch any(String kind) {
        return new ObjectMatch(List.of(kind), null, null, false, List.of());
    }

    /** The same objects, only those that have `stringData`. */
    public ObjectMatch withStringData() {
        return new ObjectMatch(kinds, name, namePrefix, true, fields);
    }

    /** The same objects, reading these fields too. */
    public ObjectMatch reading(ObjectField... more) {
        List<ObjectField> all = new ArrayList<>(fields);
        all.addAll(List.of(more));
        return new ObjectMatch(kinds, name, namePrefix, stringDataOnly, all);
    }

    /** Whether a document of this kind and name (read without building its tree) is one of these objects. */
    public boolean matches(String kind, String objectName, boolean hasStringData) {
        return kinds.contains(kind) && matchesName(objectName, hasStringData);
    }

    public boolean matches(KubeObject object) {
        return matches(object.kind(), object.name(), object.at("stringData") != null);
    }

    /** Whether the name (and `stringData`) match, the kind being one of {@link #kinds}. */
    boolean matchesName(String objectName, boolean hasStringData) {
        if (stringDataOnly && !hasStringData) {
            return false;
        }
        if (name != null) {
            return name.equals(objectName);
        }
        return namePrefix == null || (objectName != null && objectName.startsWith(namePrefix));
    }

    /** "Deployment `deis-router`", "every HorizontalPodAutoscaler", "every Role or ClusterRole named `deis*`"… */
    public String describe() {
        String what = kinds.equals(KubeObject.WORKLOAD_KINDS)
                ? "workload (" + String.join(", ", kinds) + ")"
                : String.join(" or ", kinds);
        String which;
        if (name != null) {
            which = what + " `" + name + "`";
        } else if (namePrefix != null) {
            which = "every " + what + " named `" + namePrefix + "*`";
        } else {
            which = "every " + what;
        }
        return stringDataOnly ? which + " with `stringData`" : which;
    }
}
