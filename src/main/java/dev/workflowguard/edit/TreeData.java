package dev.workflowguard.edit;

import dev.workflowguard.yaml.HelmScalars;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.YamlData;
import dev.workflowguard.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree as plain data (maps, lists, typed scalars as Helm types them), so that "the file
 * means the same except for the intended change" can be checked with {@code equals}.
 */
final class TreeData {

    private TreeData() {}

    static Object of(YamlNode node) {
        return YamlData.of(node);
    }

    /** The value an edit writes, as data. */
    static Object intended(Edit edit) {
        HelmType type = edit.mustQuote() ? HelmType.STRING : HelmScalars.typeOfPlain(edit.value());
        return YamlData.typed(type, edit.value());
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
        Map<String, Object> map = data instanceof Map<?, ?> existing
                ? new LinkedHashMap<>((Map<String, Object>) existing)
                : new LinkedHashMap<>();
        map.put((String) step, with(map.get(step), rest, value));
        return map;
    }
}
