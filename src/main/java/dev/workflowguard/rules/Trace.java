package dev.workflowguard.rules;

import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.values.ValuesPath;
import java.util.List;
import java.util.function.Function;

/**
 * How provenance finds the values key behind a rule's place on the chart's render: the keys to
 * try, in order, and what to compare between the render and a render with one key changed. A key
 * is blamed only when what is compared changes.
 *
 * @param described the keys as the docs name them
 * @param keys the keys to try, for a finding's cause
 * @param field a field of the reported object to compare (paths of plain keys), or null for the
 *     field the place points at
 * @param evidence evidence to compare instead of a field of the object, or null
 */
public record Trace(String described, Function<String, List<ValuesPath>> keys, ObjectField field, Evidence evidence) {

    /** Not traced: places on the render move to the template that writes them. */
    public static final Trace NONE = new Trace("", cause -> List.of(), null, null);

    /** These keys, whatever the cause, comparing the field the place points at. */
    public static Trace keys(ValuesKey... keys) {
        return keys(List.of(keys));
    }

    public static Trace keys(List<ValuesKey> keys) {
        List<ValuesPath> paths = keys.stream().map(ValuesKey::path).toList();
        String described =
                String.join(", ", keys.stream().map(key -> "`" + key + "`").toList());
        return new Trace(described, cause -> paths, null, null);
    }

    /** Keys that depend on the finding's cause, described for the docs. */
    public static Trace byCause(String described, Function<String, List<ValuesPath>> keys) {
        return new Trace(described, keys, null, null);
    }

    /** The same keys, comparing this field of the reported object (a router annotation that may be absent). */
    public Trace comparing(ObjectField objectField) {
        return new Trace(described, keys, objectField, null);
    }

    /** The same keys, comparing whether the render shows the evidence (nothing to point at when it is absent). */
    public Trace comparing(Evidence shown) {
        return new Trace(described, keys, null, shown);
    }

    /** The keys to try for a finding's cause, in order. */
    public List<ValuesPath> candidates(String cause) {
        return keys.apply(cause);
    }

    public boolean isNone() {
        return this == NONE;
    }
}
