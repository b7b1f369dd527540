package dev.workflowguard.yaml;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types plain scalars the way Helm does: Helm parses values with Go yaml v2 (YAML 1.1 booleans,
 * Go integer syntax, no base-60 numbers), which differs from SnakeYAML's resolver on `y`/`n`,
 * `0o17` and `1:20`. Quoted and block scalars are always strings.
 */
public final class HelmScalars {

    private static final Set<String> TRUE_WORDS =
            Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
    private static final Set<String> FALSE_WORDS =
            Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
    private static final Set<String> NULL_WORDS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> SPECIAL_FLOATS = Set.of(
            ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_UNSIGNED = new BigInteger("18446744073709551615");

    private HelmScalars() {}

    /** The type Helm gives a plain (unquoted, untagged) scalar. */
    public static HelmType typeOfPlain(String text) {
        if (NULL_WORDS.contains(text)) {
            return HelmType.NULL;
        }
        if (TRUE_WORDS.contains(text) || FALSE_WORDS.contains(text)) {
            return HelmType.BOOL;
        }
        if (parseInt(text).isPresent()) {
            return HelmType.INT;
        }
        if (SPECIAL_FLOATS.contains(text)
                || YAML_FLOAT.matcher(text.replace("_", "")).matches()) {
            return HelmType.FLOAT;
        }
        return HelmType.STRING;
    }

    /** True for the words Go yaml v2 reads as boolean true. */
    public static boolean isTrueWord(String text) {
        return TRUE_WORDS.contains(text);
    }

    /** True for the words Go yaml v2 reads as boolean false. */
    public static boolean isFalseWord(String text) {
        return FALSE_WORDS.contains(text);
    }

    /**
     * Parses an integer with Go's `strconv.ParseInt(s, 0, 64)` syntax after yaml v2 drops
     * underscores: optional sign, `0x`/`0o`/`0b` prefixes, a leading `0` for octal.
     */
    public static Optional<BigInteger> parseInt(String text) {
        String s = text.replace("_", "");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        if (s.length() > 2 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            if (p == 'x') {
                radix = 16;
                s = s.substring(2);
            } else if (p == 'o') {
                radix = 8;
                s = s.substring(2);
            } else if (p == 'b') {
                radix = 2;
                s = s.substring(2);
            }
        }
        if (radix == 10 && s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        // Every character an ASCII digit of the radix: BigInteger would also take other scripts' digits, which Go
        // does not.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || Character.digit(c, radix) < 0) {
                return Optional.empty();
            }
        }
        // No 64-bit integer has more than 64 significant digits in any base; a longer string is out of range.
        // Checked before BigInteger, whose parsing is quadratic: an 8 MB run of digits would take an hour.
        int significant = s.length();
        for (int i = 0; i < s.length() && s.charAt(i) == '0'; i++) {
            significant--;
        }
        if (significant > 64) {
            return Optional.empty();
        }
        try {
            BigInteger value = new BigInteger(s, radix);
            value = negative ? value.negate() : value;
            if (value.compareTo(MIN) < 0 || value.compareTo(MAX_UNSIGNED) > 0) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
