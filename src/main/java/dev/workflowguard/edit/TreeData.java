package dev.workflowguard.edit;

import dev.workflowguard.yaml.HelmScalars;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree as plain data (maps, lists, typed scalars as Helm types them), so that "the file
 * means the same except for the intended change" can be checked with {@code equals}.
 */
final class TreeData {

    /** A float kept as written: equality of floats is never what an edit changes. */
    record FloatText(String text) {
    }

    private TreeData() {
    }

    static Object of(YamlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlMap map) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (YamlEntry entry : map.entries()) {
                data.put(entry.name(), of(entry.value()));
            }
            return data;
        }
        if (node instanceof YamlList list) {
            List<Object> data = new ArrayList<>();
            for (YamlNode item : list.items()) {
                data.add(of(item));
            }
            return data;
        }
        return scalar((YamlScalar) node);
    }

    static Object scalar(YamlScalar scalar) {
        return switch (scalar.type()) {
            case NULL -> null;
            case BOOL -> HelmScalars.isTrueWord(scalar.text());
            case INT -> HelmScalars.parseInt(scalar.text()).map(Object.class::cast).orElse(scalar.text());
            case FLOAT -> new FloatText(scalar.text());
            case STRING -> scalar.text();
        };
    }

    /** The value an edit writes, as data. */
    static Object intended(Edit edit) {
        if (edit.mustQuote()) {
            return edit.value();
        }
        return switch (HelmScalars.typeOfPlain(edit.value())) {
            case NULL -> null;
            case BOOL -> HelmScalars.isTrueWord(edit.value());
            case INT -> HelmScalars.parseInt(edit.value()).map(Object.class::cast).orElse(edit.value());
            case FLOAT -> new FloatText(edit.value());
            case STRING -> edit.value();
        };
    }

    /** A copy of the data with the value at the path set, creating mappings where keys are missing. */
    @SuppressWarnings("unchecked")
    static Object with(Object data, List<Object> path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        Object step = path.get(0);
        List<Object> rest = path.subList(1, path.size());
        if (step instanceof Integer index) {
            List<Object> list = new ArrayList<>((List<Object>) data);
            list.set(index, with(list.get(index), rest, value));
            return list;
        }
        Map<String, Object> map = data instanceof Map<?, ?> existing ? new LinkedHashMap<>((Map<String, Object>) existing)
                : new LinkedHashMap<>();
        map.put((String) step, with(map.get(step), rest, value));
        return map;
    }
}
