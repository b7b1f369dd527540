package dev.workflowguard.values;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A path into Helm values such as {@code controller.registration_mode}. Keys that themselves
 * contain dots (router annotations) are shown quoted, as yq writes them:
 * {@code router.deployment_annotations."router.deis.io/nginx.ssl.enforce"}.
 */
public record ValuesPath(List<String> keys) {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    public ValuesPath {
        keys = List.copyOf(keys);
    }

    /** A path from dot-separated simple keys. */
    public static ValuesPath parse(String dotted) {
        return new ValuesPath(List.of(dotted.split("\\.")));
    }

    public static ValuesPath of(String... keys) {
        return new ValuesPath(List.of(keys));
    }

    public ValuesPath child(String key) {
        List<String> next = new ArrayList<>(keys);
        next.add(key);
        return new ValuesPath(next);
    }

    public ValuesPath parent() {
        return new ValuesPath(keys.subList(0, Math.max(0, keys.size() - 1)));
    }

    public ValuesPath prefix(int length) {
        return new ValuesPath(keys.subList(0, length));
    }

    public String last() {
        return keys.get(keys.size() - 1);
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    @Override
    public String toString() {
        return keys.stream().map(ValuesPath::written).collect(Collectors.joining("."));
    }

    private static String written(String key) {
        return SIMPLE_KEY.matcher(key).matches()
                ? key
                : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
