package dev.workflowguard.edit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Set one scalar in one document of a YAML file.
 *
 * @param document 0-based document index (values files: 0, the one Helm reads)
 * @param path mapping keys (String) and, to reach existing list items, indices (Integer)
 * @param value the new scalar value
 * @param mustQuote write it as a quoted string (the reader expects a string such as "false");
 *     otherwise a value Helm types (true, 2) is written plain and a word keeps the existing quoting
 */
public record Edit(int document, List<Object> path, String value, boolean mustQuote) {

    public Edit {
        path = List.copyOf(path);
        for (Object step : path) {
            if (!(step instanceof String) && !(step instanceof Integer)) {
                throw new IllegalArgumentException("path steps are keys or list indices: " + step);
            }
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an edit needs a path");
        }
    }

    /** An edit of a values file: keys only, first document. */
    public static Edit values(List<String> keys, String value, boolean mustQuote) {
        return new Edit(0, List.copyOf(keys), value, mustQuote);
    }

    public String describePath() {
        return path.stream()
                .map(s -> s instanceof Integer i ? "[" + i + "]" : (String) s)
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
