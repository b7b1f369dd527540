package dev.workflowguard.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree as plain data (maps, lists, typed scalars as Helm types them), so that "means the
 * same" can be decided with {@code equals}.
 */
public final class YamlData {

    /** A float kept as written: no check ever needs float arithmetic. */
    public record FloatText(String text) {}

    private YamlData() {}

    public static Object of(YamlNode node) {
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

    public static Object scalar(YamlScalar scalar) {
        return typed(scalar.type(), scalar.text());
    }

    /** A scalar's text as data of the type Helm gives it. */
    public static Object typed(HelmType type, String text) {
        return switch (type) {
            case NULL -> null;
            case BOOL -> HelmScalars.isTrueWord(text);
            case INT -> HelmScalars.parseInt(text).map(Object.class::cast).orElse(text);
            case FLOAT -> new FloatText(text);
            case STRING -> text;
        };
    }
}
