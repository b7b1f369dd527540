package dev.workflowguard.maven;

import dev.workflowguard.check.InputFingerprint;
import dev.workflowguard.report.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * What the last `check` in an output folder printed and decided, under the fingerprint of everything
 * it read (up-to-date checking, as Spotless and Checkstyle do it). When the next build's inputs have
 * the same fingerprint and the reports it wrote are still there unchanged, the goal repeats the
 * outcome instead of checking again. Lines are stored as logged, so masked like the log itself.
 */
final class CheckRecord {

    static final String FILE = "check-record.txt";
    private static final String HEADER = "workflow-guard check record 1";

    private final String fingerprint;
    private final List<RecordingLog.Line> lines;
    private final List<String> output;
    private final String failure;
    private final Map<String, String> reports;

    /**
     * @param lines the log lines, in order
     * @param output lines printed on standard output (GitHub workflow commands)
     * @param failure the build failure's message, or null if the check passed
     * @param reports the reports written, by file name in the output folder, with their SHA-256
     */
    CheckRecord(
            String fingerprint,
            List<RecordingLog.Line> lines,
            List<String> output,
            String failure,
            Map<String, String> reports) {
        this.fingerprint = fingerprint;
        this.lines = List.copyOf(lines);
        this.output = List.copyOf(output);
        this.failure = failure;
        this.reports = new LinkedHashMap<>(reports);
    }

    /**
     * The plugin build that runs, for the fingerprint: its jar, size and time (a rebuilt SNAPSHOT is a new
     * build), or null where the classes are not in a jar (a development class path), which never records.
     */
    static String pluginBuild() {
        try {
            Path code = Path.of(CheckRecord.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(code)) {
                return null;
            }
            return code + " " + Files.size(code) + " "
                    + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The record in this folder if it is for these inputs and its reports are untouched; otherwise null. */
    static CheckRecord matching(Path directory, String fingerprint) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            CheckRecord record = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (record == null || !record.fingerprint.equals(fingerprint)) {
                return null;
            }
            for (Map.Entry<String, String> report : record.reports.entrySet()) {
                Path written = directory.resolve(report.getKey());
                if (!Files.isRegularFile(written) || !report.getValue().equals(InputFingerprint.sha256(written))) {
                    return null;
                }
            }
            return record;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Says again what the recorded check said, and fails the build as it did. */
    void replay(Log log, PrintStream out) throws MojoFailureException {
        for (RecordingLog.Line line : lines) {
            switch (line.level()) {
                case "error" -> log.error(line.text());
                case "warn" -> log.warn(line.text());
                default -> log.info(line.text());
            }
        }
        for (String line : output) {
            out.println(line);
        }
        if (failure != null) {
            throw new MojoFailureException(failure);
        }
    }

    void write(Path directory) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("fingerprint ").append(fingerprint).append('\n');
        for (Map.Entry<String, String> report : reports.entrySet()) {
            text.append("report ")
                    .append(report.getValue())
                    .append(' ')
                    .append(escape(report.getKey()))
                    .append('\n');
        }
        for (RecordingLog.Line line : lines) {
            text.append(line.level()).append(' ').append(escape(line.text())).append('\n');
        }
        for (String line : output) {
            text.append("out ").append(escape(line)).append('\n');
        }
        if (failure != null) {
            text.append("failure ").append(escape(failure)).append('\n');
        }
        try (AtomicFile out = new AtomicFile(directory.resolve(FILE))) {
            out.stream().write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }

    private static CheckRecord parse(List<String> text) {
        if (text.size() < 2 || !text.get(0).equals(HEADER) || !text.get(1).startsWith("fingerprint ")) {
            return null;
        }
        String fingerprint = text.get(1).substring("fingerprint ".length());
        List<RecordingLog.Line> lines = new ArrayList<>();
        List<String> output = new ArrayList<>();
        Map<String, String> reports = new LinkedHashMap<>();
        String failure = null;
        for (String line : text.subList(2, text.size())) {
            int space = line.indexOf(' ');
            if (space < 0) {
                return null;
            }
            String tag = line.substring(0, space);
            String rest = line.substring(space + 1);
            switch (tag) {
                case "info", "warn", "error" -> lines.add(new RecordingLog.Line(tag, unescape(rest)));
                case "out" -> output.add(unescape(rest));
                case "failure" -> failure = unescape(rest);
                case "report" -> {
                    int split = rest.indexOf(' ');
                    if (split < 0) {
                        return null;
                    }
                    reports.put(unescape(rest.substring(split + 1)), rest.substring(0, split));
                }
                default -> {
                    return null;
                }
            }
        }
        return new CheckRecord(fingerprint, lines, output, failure, reports);
    }

    /** One line per entry: backslashes, line feeds and carriage returns escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
