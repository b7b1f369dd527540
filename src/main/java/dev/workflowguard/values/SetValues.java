package dev.workflowguard.values;

import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses Helm `--set` values ({@code a.b=c}, {@code a[0]=x}, {@code a={x,y}}, backslash escapes)
 * with Helm's typing: only true/false/null (any case) and plain integers without a leading zero
 * are typed, everything else is a string. The result is a values source named `--set` that is
 * merged after the files, each pair on its own "line" so findings can point at it.
 */
public final class SetValues {

    /** Helm's largest --set list index (strvals.MaxIndex): lists are filled with nulls up to the index. */
    static final int MAX_INDEX = 65536;

    /** The display name of the pseudo file holding `--set` values. */
    public static final String DISPLAY_NAME = "--set";

    private SetValues() {}

    /** Thrown for a `--set` expression Helm would refuse too. */
    public static final class SetException extends Exception {
        private static final long serialVersionUID = 1L;

        SetException(String message) {
            super(message);
        }
    }

    /**
     * Parses the expressions. Maven splits a comma-separated property into list items, which would
     * cut `a={x,y}` in two, so the items are joined back with commas and read as Helm reads one
     * `--set` argument.
     */
    public static ValuesSource parse(List<String> expressions) throws SetException {
        String joined = String.join(",", expressions);
        List<String> pairs = splitPairs(joined);
        SourceFile file = new SourceFile(
                Path.of(DISPLAY_NAME), DISPLAY_NAME, String.join("\n", pairs) + "\n", StandardCharsets.UTF_8, false);
        Map<String, Object> root = new LinkedHashMap<>();
        int lineStart = 0;
        for (int line = 0; line < pairs.size(); line++) {
            setPair(root, pairs.get(line), line + 1, lineStart);
            lineStart += pairs.get(line).codePointCount(0, pairs.get(line).length()) + 1;
        }
        return new ValuesSource(file, toMap(root, file, TextPosition.START), List.of());
    }

    /**
     * The expressions as the single assignments Helm's in-process API takes (helm-java's
     * {@code set(key, value)} types a value as {@code --set} does but never splits or unescapes it):
     * Maven's comma split undone as in {@link #parse}, backslash escapes removed from values, and a
     * list {@code a={x,y}} given as {@code a[0]=x}, {@code a[1]=y}. Keys keep their escapes, which
     * Helm reads. An empty list {@code a={}} assigns nothing.
     */
    public static List<Map.Entry<String, String>> assignments(List<String> expressions) throws SetException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : splitPairs(String.join(",", expressions))) {
            int equals = unescapedIndex(pair, '=');
            if (equals < 0) {
                throw new SetException("key \"" + pair + "\" has no value (use key=value)");
            }
            String key = pair.substring(0, equals);
            keyPath(key, pair);
            String rawValue = pair.substring(equals + 1);
            if (rawValue.startsWith("{") && rawValue.endsWith("}")) {
                List<String> items = splitList(rawValue.substring(1, rawValue.length() - 1));
                for (int i = 0; i < items.size(); i++) {
                    out.add(Map.entry(key + "[" + i + "]", unescape(items.get(i))));
                }
            } else {
                out.add(Map.entry(key, unescape(rawValue)));
            }
        }
        return out;
    }

    /** Splits on commas that are not escaped and not inside `{…}`. */
    private static List<String> splitPairs(String text) throws SetException {
        List<String> pairs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                pairs.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (depth != 0) {
            throw new SetException(
                    "a --set value has unbalanced braces { } (values are not shown: they may be secrets)");
        }
        pairs.add(current.toString());
        pairs.removeIf(String::isBlank);
        return pairs;
    }

    /** A parsed scalar and where its text starts in the pseudo file (pair = line). */
    private record Leaf(String text, HelmType type, TextPosition at) {
        YamlScalar toScalar(SourceFile file) {
            // Strings from --set are strings whatever they look like; record them as quoted so no reader re-types them.
            return new YamlScalar(
                    file, at, at, text, type == HelmType.STRING ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN, type);
        }
    }

    @SuppressWarnings("unchecked")
    private static void setPair(Map<String, Object> root, String pair, int line, int lineStart) throws SetException {
        int equals = unescapedIndex(pair, '=');
        if (equals < 0) {
            throw new SetException("--set expression " + line + " has no \"=\"; write key=value"
                    + (line > 1
                            ? " (a comma separates expressions, as in Helm: a comma inside a value is written \\,)"
                            : ""));
        }
        List<Object> path = keyPath(pair.substring(0, equals), pair);
        String rawValue = pair.substring(equals + 1);
        Object value;
        if (rawValue.startsWith("{") && rawValue.endsWith("}")) {
            List<Object> list = new ArrayList<>();
            int column = equals + 2;
            for (String item : splitList(rawValue.substring(1, rawValue.length() - 1))) {
                list.add(typed(unescape(item), new TextPosition(line, column + 1, lineStart + column)));
                column += item.length() + 1;
            }
            value = list;
        } else {
            value = typed(unescape(rawValue), new TextPosition(line, equals + 2, lineStart + equals + 1));
        }
        Object container = root;
        for (int i = 0; i < path.size(); i++) {
            Object step = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? value : path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
            if (container instanceof Map<?, ?> map) {
                Map<String, Object> m = (Map<String, Object>) map;
                Object existing = m.get((String) step);
                if (last
                        || existing == null
                        || (existing instanceof Leaf)
                        || (next instanceof List && !(existing instanceof List))
                        || (next instanceof Map && !(existing instanceof Map))) {
                    m.put((String) step, next);
                } else {
                    next = existing;
                }
            } else {
                List<Object> list = (List<Object>) container;
                int index = (Integer) step;
                while (list.size() <= index) {
                    list.add(null);
                }
                Object existing = list.get(index);
                if (last || existing == null || existing instanceof Leaf) {
                    list.set(index, next);
                } else {
                    next = existing;
                }
            }
            container = next;
        }
    }

    /** `a.b\.c[0].d` → ["a", "b.c", 0, "d"]. */
    private static List<Object> keyPath(String key, String pair) throws SetException {
        List<Object> path = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                current.append(key.charAt(++i));
            } else if (c == '.') {
                if (current.length() > 0) {
                    path.add(current.toString());
                    current.setLength(0);
                }
            } else if (c == '[') {
                if (current.length() > 0) {
                    path.add(current.toString());
                    current.setLength(0);
                }
                int close = key.indexOf(']', i);
                int index;
                try {
                    index = Integer.parseInt(key.substring(i + 1, close));
                } catch (RuntimeException e) {
                    throw new SetException("bad list index in --set key \"" + key + "\"");
                }
                // As Helm: a negative index is refused, and so is one over 65536 (the list would be filled up to it).
                if (index < 0) {
                    throw new SetException("negative list index " + index + " in --set key \"" + key + "\"");
                }
                if (index > MAX_INDEX) {
                    throw new SetException("list index " + index + " in --set key \"" + key
                            + "\" is greater than the maximum Helm supports, " + MAX_INDEX);
                }
                path.add(index);
                if (path.size() == 1) {
                    throw new SetException("--set key \"" + key + "\" starts with a list index");
                }
                i = close;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            path.add(current.toString());
        }
        if (path.isEmpty()) {
            throw new SetException("a --set expression has an empty key before \"=\"");
        }
        return path;
    }

    private static List<String> splitList(String inner) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                current.append(c).append(inner.charAt(++i));
            } else if (c == ',') {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!inner.isEmpty()) {
            items.add(current.toString());
        }
        return items;
    }

    private static int unescapedIndex(String text, char wanted) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Helm's typedVal: true/false/null in any case, integers without a leading zero; else a string. */
    private static Leaf typed(String value, TextPosition at) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return new Leaf(lower, HelmType.BOOL, at);
        }
        if (lower.equals("null")) {
            return new Leaf("null", HelmType.NULL, at);
        }
        if (value.equals("0") || (!value.isEmpty() && value.charAt(0) != '0' && isLong(value))) {
            return new Leaf(value, HelmType.INT, at);
        }
        return new Leaf(value, HelmType.STRING, at);
    }

    private static boolean isLong(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- conversion to position-carrying nodes ----

    @SuppressWarnings("unchecked")
    private static YamlMap toMap(Map<String, Object> map, SourceFile file, TextPosition at) {
        LinkedHashMap<String, YamlEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            YamlNode value = toNode(entry.getValue(), file);
            TextPosition start = value.start();
            TextPosition keyAt = new TextPosition(start.line(), 1, start.offset() - start.column() + 1);
            YamlScalar key = new YamlScalar(file, keyAt, keyAt, entry.getKey(), ScalarStyle.PLAIN, HelmType.STRING);
            entries.put(entry.getKey(), new YamlEntry(key, value));
        }
        return new YamlMap(file, at, at, entries);
    }

    @SuppressWarnings("unchecked")
    private static YamlNode toNode(Object value, SourceFile file) {
        if (value instanceof Map<?, ?> map) {
            YamlMap result = toMap((Map<String, Object>) map, file, TextPosition.START);
            TextPosition first = result.entries().stream()
                    .findFirst()
                    .map(e -> e.key().start())
                    .orElse(TextPosition.START);
            return new YamlMap(file, first, first, new LinkedHashMap<>(result.asMap()));
        }
        if (value instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            for (Object item : list) {
                items.add(toNode(item, file));
            }
            TextPosition first = items.stream()
                    .filter(Objects::nonNull)
                    .findFirst()
                    .map(YamlNode::start)
                    .orElse(TextPosition.START);
            return new YamlList(file, first, first, items);
        }
        if (value == null) {
            TextPosition at = TextPosition.START;
            return new YamlScalar(file, at, at, "null", ScalarStyle.PLAIN, HelmType.NULL);
        }
        Leaf leaf = (Leaf) value;
        return leaf.toScalar(file);
    }
}
