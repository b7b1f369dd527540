package dev.workflowguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.suppress.SuppressedFinding;
import dev.workflowguard.suppress.Suppression;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * SARIF 2.1.0 for GitHub code scanning and other tools: one run, the rule catalogue as
 * `tool.driver.rules`, each with its docs page as help (text and Markdown; links only to where the user
 * publishes the pages, {@link DocsUrl}), every finding with its real line and
 * column, its other places as related locations, a stable fingerprint, suppressed findings with
 * the reason, and baseline states.
 */
public final class SarifReport {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The key of the finding's fingerprint among SARIF's partialFingerprints. Version 2: since baselines
     * are matched by rule, cause, subject and file instead of the message, the values differ from version 1's,
     * and a new key tells code scanning so instead of passing them off as the old ones.
     */
    static final String FINGERPRINT = "workflowGuardFinding/v2";

    private SarifReport() {}

    public static void write(OutputStream out, CheckResult result, String toolVersion, ReportPaths paths)
            throws IOException {
        write(out, result, toolVersion, paths, RuleHelp.catalogue());
    }

    /** @param help the rules the check ran (the catalogue, or a tool's own), with the rules about suppressions */
    public static void write(OutputStream out, CheckResult result, String toolVersion, ReportPaths paths, RuleHelp help)
            throws IOException {
        List<RuleInfo> rules = help.infos();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", "workflow-guard");
            json.writeStringField("version", toolVersion);
            if (help.baseUrl().isPresent()) {
                json.writeStringField("informationUri", help.baseUrl().get());
            }
            json.writeArrayFieldStart("rules");
            for (RuleInfo rule : rules) {
                json.writeStartObject();
                json.writeStringField("id", rule.id());
                json.writeStringField("name", camel(rule.id()));
                json.writeObjectFieldStart("shortDescription");
                json.writeStringField("text", rule.summary());
                json.writeEndObject();
                json.writeObjectFieldStart("fullDescription");
                json.writeStringField("text", rule.why());
                json.writeEndObject();
                json.writeObjectFieldStart("defaultConfiguration");
                json.writeStringField("level", level(rule.defaultSeverity()));
                json.writeEndObject();
                if (help.url(rule.id()).isPresent()) {
                    json.writeStringField("helpUri", help.url(rule.id()).get());
                }
                json.writeObjectFieldStart("help");
                json.writeStringField("text", help.text(rule.id()).orElseThrow());
                json.writeStringField("markdown", help.markdown(rule.id()).orElseThrow());
                json.writeEndObject();
                json.writeObjectFieldStart("properties");
                json.writeArrayFieldStart("tags");
                json.writeString("security");
                json.writeString("helm");
                json.writeString("deis-workflow");
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
            json.writeStringField("columnKind", "unicodeCodePoints");
            json.writeArrayFieldStart("results");
            for (Finding finding : result.findings()) {
                writeResult(
                        json,
                        finding,
                        rules,
                        paths,
                        null,
                        result.baselined().isEmpty()
                                        && result.fixedSinceBaseline().isEmpty()
                                ? null
                                : "new");
            }
            for (Finding finding : result.baselined()) {
                writeResult(json, finding, rules, paths, null, "unchanged");
            }
            for (SuppressedFinding suppressed : result.suppressed()) {
                writeResult(json, suppressed.finding(), rules, paths, suppressed.suppression(), null);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeResult(
            JsonGenerator json,
            Finding finding,
            List<RuleInfo> rules,
            ReportPaths paths,
            Suppression suppression,
            String baselineState)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", finding.rule());
        int index = rules.stream().map(RuleInfo::id).toList().indexOf(finding.rule());
        if (index >= 0) {
            json.writeNumberField("ruleIndex", index);
        }
        json.writeStringField("level", level(finding.severity()));
        json.writeObjectFieldStart("message");
        json.writeStringField("text", finding.message());
        json.writeEndObject();
        json.writeArrayFieldStart("locations");
        writeLocation(json, finding.primary(), paths, -1);
        json.writeEndArray();
        if (finding.places().size() > 1) {
            json.writeArrayFieldStart("relatedLocations");
            for (int i = 1; i < finding.places().size(); i++) {
                writeLocation(json, finding.places().get(i), paths, i);
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(FINGERPRINT, Baseline.fingerprint(finding));
        json.writeEndObject();
        if (baselineState != null) {
            json.writeStringField("baselineState", baselineState);
        }
        if (suppression != null) {
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind", suppression.scope() instanceof Suppression.Filter ? "external" : "inSource");
            json.writeStringField("status", "accepted");
            json.writeStringField(
                    "justification",
                    suppression.reason() + (suppression.until() == null ? "" : " (until " + suppression.until() + ")"));
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeObjectFieldStart("properties");
        json.writeBooleanField("fixable", finding.fixable());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeLocation(JsonGenerator json, Place place, ReportPaths paths, int id) throws IOException {
        json.writeStartObject();
        if (id >= 0) {
            json.writeNumberField("id", id);
        }
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", paths.uri(place.location().fileName()));
        json.writeStringField("uriBaseId", "%SRCROOT%");
        json.writeEndObject();
        json.writeObjectFieldStart("region");
        json.writeNumberField("startLine", Math.max(1, place.location().line()));
        json.writeNumberField("startColumn", Math.max(1, place.location().column()));
        json.writeEndObject();
        json.writeEndObject();
        if (id >= 0 || place.object() != null) {
            json.writeObjectFieldStart("message");
            json.writeStringField("text", place.message());
            json.writeEndObject();
        }
        if (place.object() != null || place.valuesPath() != null) {
            json.writeArrayFieldStart("logicalLocations");
            json.writeStartObject();
            json.writeStringField("fullyQualifiedName", place.object() != null ? place.object() : place.valuesPath());
            json.writeStringField("kind", place.object() != null ? "object" : "member");
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
