package dev.workflowguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.edit.Edit;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.values.ValuesPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes `report.json`, the machine-readable result (format documented in README): every finding
 * with rule, lowercase severity, message, 1-based file:line:column, values path or object, whether
 * it is fixable, every place it shows, and a summary.
 */
public final class JsonReport {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {}

    /** Writes the report atomically: a reader never sees half a file. */
    public static void write(Path file, CheckResult result, String toolVersion, Severity failOn) throws IOException {
        try (AtomicFile out = new AtomicFile(file)) {
            write(out.stream(), result, toolVersion, failOn);
            out.commit();
        }
    }

    public static void write(OutputStream out, CheckResult result, String toolVersion, Severity failOn)
            throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeStringField("name", "workflow-guard");
            json.writeStringField("version", toolVersion);
            json.writeEndObject();
            json.writeStringField(
                    "workflowVersion",
                    result.version().isSet() ? result.version().display() : null);
            json.writeStringField("failOnSeverity", failOn == null ? "none" : failOn.id());
            json.writeArrayFieldStart("findings");
            for (Finding finding : result.findings()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("suppressed");
            for (var suppressed : result.suppressed()) {
                json.writeStartObject();
                json.writeStringField("rule", suppressed.finding().rule());
                json.writeStringField(
                        "severity", suppressed.finding().severity().id());
                writePlace(json, suppressed.finding().primary());
                json.writeObjectFieldStart("suppression");
                json.writeStringField("reason", suppressed.suppression().reason());
                json.writeStringField(
                        "until",
                        suppressed.suppression().until() == null
                                ? null
                                : suppressed.suppression().until().toString());
                json.writeStringField(
                        "source", suppressed.suppression().source().toString());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("baselined");
            for (Finding finding : result.baselined()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("fixedSinceBaseline");
            for (var entry : result.fixedSinceBaseline()) {
                json.writeStartObject();
                json.writeStringField("fingerprint", entry.fingerprint());
                json.writeStringField("rule", entry.rule());
                json.writeStringField("file", entry.file());
                json.writeStringField("message", entry.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            Map<Severity, Integer> counts = result.countBySeverity();
            json.writeObjectFieldStart("summary");
            for (Severity severity : Severity.values()) {
                json.writeNumberField(severity.id(), counts.get(severity));
            }
            json.writeNumberField("files", result.filesChecked());
            if (result.chart() != null) {
                json.writeNumberField("chartFiles", result.chartFiles());
            }
            json.writeNumberField("fixable", result.fixableCount());
            json.writeNumberField("suppressed", result.suppressed().size());
            json.writeNumberField("baselined", result.baselined().size());
            json.writeBooleanField("failed", !result.atOrAbove(failOn).isEmpty());
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("rule", finding.rule());
        json.writeStringField("severity", finding.severity().id());
        writePlace(json, finding.primary());
        json.writeBooleanField("fixable", finding.fixable());
        if (finding.fix() != null) {
            ProposedFix fix = finding.fix();
            json.writeObjectFieldStart("fix");
            json.writeStringField("valuesPath", new ValuesPath(fix.path()).toString());
            json.writeStringField("value", fix.value());
            json.writeStringField(
                    "file", fix.target() == null ? null : fix.target().displayName());
            json.writeEndObject();
        }
        if (!finding.manifestFixes().isEmpty()) {
            json.writeArrayFieldStart("manifestFixes");
            for (var fix : finding.manifestFixes()) {
                json.writeStartObject();
                json.writeStringField("file", fix.file().displayName());
                json.writeStringField("object", fix.object());
                json.writeStringField(
                        "path", new Edit(fix.document(), fix.path(), fix.value(), fix.quoted()).describePath());
                json.writeStringField("value", fix.value());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeArrayFieldStart("locations");
        for (Place place : finding.places()) {
            json.writeStartObject();
            writePlace(json, place);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writePlace(JsonGenerator json, Place place) throws IOException {
        json.writeStringField("message", place.message());
        json.writeStringField("file", place.location().fileName());
        json.writeNumberField("line", place.location().line());
        json.writeNumberField("column", place.location().column());
        if (place.valuesPath() != null) {
            json.writeStringField("valuesPath", place.valuesPath());
        }
        if (place.object() != null) {
            json.writeStringField("object", place.object());
        }
    }
}
