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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings a team accepted when adopting the plugin, so that only new ones fail the build.
 * Each finding is identified by a fingerprint of what it is about (rule, file, values path or
 * object, and its message with line and column numbers taken out), which survives lines being
 * inserted or removed elsewhere in the file.
 */
public final class Baseline {

    /** One accepted finding as written in the baseline file. */
    public record Entry(String fingerprint, String rule, String file, String subject, String message) {}

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Entry> entries;

    private Baseline(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public boolean contains(Finding finding) {
        return entries.containsKey(fingerprint(finding));
    }

    /** What a finding is about, without where exactly it is: stable when unrelated lines move. */
    public static String fingerprint(Finding finding) {
        Place place = finding.primary();
        String message = place.message().replaceAll(":\\d+(:\\d+)?", ":#").replaceAll("\\bline \\d+", "line #");
        String subject = place.valuesPath() != null ? place.valuesPath() : place.object() != null ? place.object() : "";
        String text = finding.rule() + "\n" + place.location().fileName() + "\n" + subject + "\n" + message;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the baseline file atomically; entries are sorted so the file diffs well in review. */
    public static void write(Path file, List<Finding> findings, String toolVersion) throws IOException {
        Map<String, Entry> sorted = new java.util.TreeMap<>();
        for (Finding finding : findings) {
            Place place = finding.primary();
            String subject = place.valuesPath() != null ? place.valuesPath() : place.object();
            sorted.put(
                    fingerprint(finding),
                    new Entry(
                            fingerprint(finding),
                            finding.rule(),
                            place.location().fileName(),
                            subject,
                            place.message()));
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".workflow-baseline", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp);
                    JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                json.useDefaultPrettyPrinter();
                json.writeStartObject();
                json.writeStringField("tool", "workflow-guard " + toolVersion);
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
     * Reads a baseline file.
     *
     * @throws IOException when it cannot be read or is not a baseline written by `workflow:baseline`
     */
    public static Baseline read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(file.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (!field.equals("findings")) {
                    json.skipChildren();
                    continue;
                }
                if (json.currentToken() != JsonToken.START_ARRAY) {
                    throw new IOException("\"findings\" is not a list");
                }
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> fields = new LinkedHashMap<>();
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
                    entries.put(
                            fingerprint,
                            new Entry(
                                    fingerprint,
                                    fields.get("rule"),
                                    fields.get("file"),
                                    fields.get("subject"),
                                    fields.get("message")));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(
                    "is not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        return new Baseline(entries);
    }

    /** The baseline entries no current finding matches: fixed since the baseline was written. */
    public List<Entry> fixed(List<Finding> current) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        current.forEach(f -> seen.add(fingerprint(f)));
        List<Entry> fixed = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (!seen.contains(entry.fingerprint())) {
                fixed.add(entry);
            }
        }
        return fixed;
    }
}
