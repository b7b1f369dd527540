package dev.workflowguard.suppress;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The findings a team accepted when adopting the plugin, so that only new ones fail the build.
 *
 * <p>A finding is identified by a fingerprint of what it is about: its rule, its cause within the rule ({@link
 * Finding#cause()}), its subject (the values path or the Kubernetes object) and its file. None of them holds a line
 * number or the wording of the message, so a fingerprint survives lines inserted or removed elsewhere in the file and
 * a message reworded by a later version of the plugin.
 *
 * <p>Baselines written before this (format 1, without a {@code "format"} field) fingerprinted the message, with its
 * line and column numbers taken out. They are still read, and their entries match findings by that fingerprint, so
 * they keep working as long as the messages they hold keep their words. {@code check} never writes the baseline (it
 * is the team's file, committed); the next {@code workflow:baseline} writes it in the current format.
 */
public final class Baseline {

    /** The format {@link #write} writes; {@link #read} reads it and every earlier one. */
    public static final int FORMAT = 2;

    /** The format of a baseline file without a {@code "format"} field. */
    private static final int FIRST_FORMAT = 1;

    /**
     * One accepted finding as written in the baseline file.
     *
     * @param fingerprint what findings are matched by
     * @param cause the finding's cause within its rule; null in a format 1 baseline, which did not record it
     * @param message the message when the baseline was written, for people reading the file; never matched
     */
    public record Entry(String fingerprint, String rule, String file, String subject, String cause, String message) {}

    private static final JsonFactory JSON = new JsonFactory();

    private final int format;
    private final Map<String, Entry> entries;

    private Baseline(int format, Map<String, Entry> entries) {
        this.format = format;
        this.entries = entries;
    }

    /** The entries by fingerprint, in the order of the file. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The format the file was written in: {@link #FORMAT}, or 1 for a baseline from before stable fingerprints. */
    public int format() {
        return format;
    }

    public boolean contains(Finding finding) {
        return entries.containsKey(fingerprintInThisFormat(finding));
    }

    /** The baseline entries no current finding matches: fixed since the baseline was written. */
    public List<Entry> fixed(List<Finding> current) {
        Set<String> seen = current.stream().map(this::fingerprintInThisFormat).collect(Collectors.toSet());
        return entries.values().stream()
                .filter(entry -> !seen.contains(entry.fingerprint()))
                .toList();
    }

    private String fingerprintInThisFormat(Finding finding) {
        return format == FIRST_FORMAT ? messageFingerprint(finding) : fingerprint(finding);
    }

    /**
     * What a finding is about, without where exactly it is or how its message is worded: rule, cause, subject and
     * file. Stable when unrelated lines move and when a message is reworded.
     */
    public static String fingerprint(Finding finding) {
        Place place = finding.primary();
        return hash(String.join(
                "\0",
                finding.rule(),
                Objects.requireNonNullElse(finding.cause(), ""),
                Objects.requireNonNullElse(subject(place), ""),
                place.location().fileName()));
    }

    /** The format 1 fingerprint: rule, file, subject and the message with its line and column numbers taken out. */
    private static String messageFingerprint(Finding finding) {
        Place place = finding.primary();
        String message = place.message().replaceAll(":\\d+(:\\d+)?", ":#").replaceAll("\\bline \\d+", "line #");
        return hash(String.join(
                "\n",
                finding.rule(),
                place.location().fileName(),
                Objects.requireNonNullElse(subject(place), ""),
                message));
    }

    private static Entry entry(Finding finding) {
        Place place = finding.primary();
        return new Entry(
                fingerprint(finding),
                finding.rule(),
                place.location().fileName(),
                subject(place),
                finding.cause(),
                place.message());
    }

    /** The values path for a finding in values, the object for one in manifests, null for neither. */
    private static String subject(Place place) {
        return place.valuesPath() != null ? place.valuesPath() : place.object();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Writes the baseline file atomically, in the current format; entries are sorted by fingerprint so the file
     * diffs well in review.
     */
    public static void write(Path file, List<Finding> findings, String toolVersion) throws IOException {
        Map<String, Entry> sorted = findings.stream()
                .map(Baseline::entry)
                .collect(Collectors.toMap(
                        Entry::fingerprint, Function.identity(), (first, same) -> first, TreeMap::new));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".workflow-baseline", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp);
                    JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                json.useDefaultPrettyPrinter();
                json.writeStartObject();
                json.writeStringField("tool", "workflow-guard " + toolVersion);
                json.writeNumberField("format", FORMAT);
                json.writeStringField(
                        "about",
                        "Findings accepted when this baseline was written; `check` with "
                                + "<baseline> fails only on findings not listed here. Shrink it with `mvn workflow:baseline`.");
                json.writeArrayFieldStart("findings");
                for (Entry entry : sorted.values()) {
                    json.writeStartObject();
                    json.writeStringField("fingerprint", entry.fingerprint());
                    json.writeStringField("rule", entry.rule());
                    json.writeStringField("file", entry.file());
                    json.writeStringField("subject", entry.subject());
                    json.writeStringField("cause", entry.cause());
                    json.writeStringField("message", entry.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a baseline file of the current format or an earlier one.
     *
     * @throws IOException when it cannot be read, is not a baseline written by `workflow:baseline`, or was written by
     *     a newer version of the plugin
     */
    public static Baseline read(Path file) throws IOException {
        int format = FIRST_FORMAT;
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(file.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "format" -> format = format(json);
                    case "findings" -> readEntries(json, entries);
                    default -> json.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(
                    "is not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        return new Baseline(format, entries);
    }

    private static int format(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("\"format\" is not a whole number");
        }
        int format = json.getIntValue();
        if (format > FORMAT) {
            throw new IOException(
                    "is in baseline format " + format + ", written by a newer workflow-guard (this one reads "
                            + "formats up to " + FORMAT + "): update the plugin, or write the baseline again with "
                            + "`mvn workflow:baseline`");
        }
        if (format < FIRST_FORMAT) {
            throw new IOException("\"format\" is " + format + ", which no workflow-guard writes");
        }
        return format;
    }

    private static void readEntries(JsonParser json, Map<String, Entry> into) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("\"findings\" is not a list");
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> fields = new HashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                fields.put(name, json.currentToken() == JsonToken.VALUE_NULL ? null : json.getValueAsString());
                json.skipChildren();
            }
            String fingerprint = fields.get("fingerprint");
            if (fingerprint == null || fingerprint.isBlank()) {
                throw new IOException("a finding has no fingerprint");
            }
            into.put(
                    fingerprint,
                    new Entry(
                            fingerprint,
                            fields.get("rule"),
                            fields.get("file"),
                            fields.get("subject"),
                            fields.get("cause"),
                            fields.get("message")));
        }
    }
}
