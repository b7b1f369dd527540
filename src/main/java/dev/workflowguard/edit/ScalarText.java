package dev.workflowguard.edit;

import dev.workflowguard.yaml.HelmScalars;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.ScalarStyle;
import java.util.regex.Pattern;

/** Writes keys and scalar values as YAML text that reads back exactly as intended. */
final class ScalarText {

    /** Plain text that every YAML reader keeps as this exact string in block and flow context. */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");

    private ScalarText() {}

    /** The text of a value, keeping an existing quote style where the value allows it. */
    static String value(String value, boolean mustQuote, ScalarStyle existing) {
        if (mustQuote) {
            return existing == ScalarStyle.SINGLE_QUOTED ? singleQuoted(value) : doubleQuoted(value);
        }
        if (value.isEmpty()) {
            // Helm reads an empty plain value as null; written out, so that it is one in a flow list too.
            return "null";
        }
        if (HelmScalars.typeOfPlain(value) != HelmType.STRING) {
            // true, 2, null: typed values are written plain so Helm reads them typed.
            return value;
        }
        if (existing == ScalarStyle.SINGLE_QUOTED) {
            return singleQuoted(value);
        }
        if (existing == ScalarStyle.DOUBLE_QUOTED || !PLAIN_SAFE.matcher(value).matches()) {
            return doubleQuoted(value);
        }
        return value;
    }

    /** A mapping key: plain when that reads back as the same string, else double-quoted. */
    static String key(String key) {
        if (PLAIN_SAFE.matcher(key).matches() && HelmScalars.typeOfPlain(key) == HelmType.STRING) {
            return key;
        }
        return doubleQuoted(key);
    }

    static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (!isPrintable(c) || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        // Escaped: YAML does not allow it in a file, or would read it as a line break or a BOM.
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    static String singleQuoted(String value) {
        if (value.codePoints()
                .anyMatch(c -> !isPrintable(c) || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF)) {
            return doubleQuoted(value);
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** YAML's printable characters (what SnakeYAML's reader accepts in a file), tab and line feed aside. */
    private static boolean isPrintable(int c) {
        return (c >= 0x20 && c <= 0x7E)
                || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
