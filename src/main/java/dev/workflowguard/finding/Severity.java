package dev.workflowguard.finding;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How bad a finding is; `error` fails the build by default, `warning` and `info` only when asked. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lowercase name used in POMs, logs and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as bad as the threshold. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /**
     * Parses `error`, `warning` (or `warn`), `info`, in any case.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static Severity parse(String text) {
        String word = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (word.equals("warn")) {
            return WARNING;
        }
        for (Severity severity : values()) {
            if (severity.id().equals(word)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a severity; use one of "
                + Arrays.stream(values()).map(Severity::id).collect(Collectors.joining(", ")));
    }
}
