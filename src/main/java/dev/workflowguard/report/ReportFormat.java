package dev.workflowguard.report;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The reports a check writes into the output folder; report.json is written whatever is chosen. */
public enum ReportFormat {
    JSON("json", "report.json"),
    SARIF("sarif", "report.sarif"),
    JUNIT("junit", "TEST-workflow-guard.xml"),
    HTML("html", "report.html");

    private final String id;
    private final String file;

    ReportFormat(String id, String file) {
        this.id = id;
        this.file = file;
    }

    /** The word users configure, e.g. {@code sarif}. */
    public String id() {
        return id;
    }

    /** The file written, in the output folder. */
    public String file() {
        return file;
    }

    /**
     * The formats named, in the order first named; blank entries are ignored, as Maven passes them.
     *
     * @throws IllegalArgumentException naming the parameter and the known formats, for a word that is none
     */
    public static Set<ReportFormat> parse(List<String> words) {
        Set<ReportFormat> formats = new LinkedHashSet<>();
        if (words == null) {
            return formats;
        }
        for (String word : words) {
            String id = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
            if (!id.isEmpty()) {
                formats.add(Arrays.stream(values())
                        .filter(format -> format.id.equals(id))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("reportFormats / workflow.formats: '" + word
                                + "' is not a report format; use "
                                + Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", ")))));
            }
        }
        return formats;
    }
}
