package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.report.JUnitReport;
import dev.workflowguard.report.ReportPaths;
import dev.workflowguard.report.RuleDocs;
import dev.workflowguard.report.RuleHelp;
import dev.workflowguard.report.SarifReport;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.Evidence;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.rules.RuleFix;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.rules.Trace;
import dev.workflowguard.rules.ValuesKey;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule written here, outside the catalogue and with no change to any main class, declares what it
 * reads and writes, and the engine does the rest: the manifest reader keeps its objects and the
 * fields it reads, file-by-file checking compares its evidence, provenance traces its rendered places
 * through its key, and its docs page shows all of it.
 */
class RuleWrittenElsewhereTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");
    private static final String BUILDER_SERVICE = """
            ---
            # Source: workflow/charts/builder/templates/builder-service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: deis-builder
              labels:
                heritage: deis
            spec:
              type: NodePort
              selector:
                app: deis-builder
              ports:
                - name: ssh
                  port: 2222
            """;

    @TempDir
    Path dir;

    /** `builder-node-port`: the builder's SSH port is opened on every node. */
    static final class BuilderNodePortRule implements Rule {

        static final ValuesKey SERVICE_TYPE =
                ValuesKey.of("builder.service_type").since("2.14");
        static final ObjectField TYPE = ObjectField.of("spec.type");
        static final ObjectMatch SERVICE =
                ObjectMatch.named("Service", "deis-builder").reading(TYPE);
        static final Evidence BUILDER_RENDERED = new Evidence(
                "builder Service", "a Service `deis-builder`", objects -> objects.contains("Service", "deis-builder"));

        private final RuleInputs inputs;
        /** The builder Services as the rule was given them (manifest files are read on several threads). */
        final List<KubeObject> seen = new CopyOnWriteArrayList<>();

        BuilderNodePortRule(Trace trace) {
            inputs = RuleInputs.builder()
                    .values(SERVICE_TYPE)
                    .objects(SERVICE)
                    .evidence(BUILDER_RENDERED)
                    .trace(trace)
                    .fixes(RuleFix.values(SERVICE_TYPE, "`ClusterIP`"))
                    .build();
        }

        BuilderNodePortRule() {
            this(Trace.keys(SERVICE_TYPE));
        }

        @Override
        public RuleInfo info() {
            return new RuleInfo(
                    "builder-node-port",
                    Severity.WARNING,
                    "yes",
                    "The builder's Service is a NodePort.",
                    "A NodePort opens the builder's SSH port on every node.",
                    true,
                    true,
                    "Set `builder.service_type: ClusterIP`.");
        }

        @Override
        public RuleInputs inputs() {
            return inputs;
        }

        @Override
        public void check(CheckContext context, RuleFindings findings) {
            EffectiveValues values = context.values();
            if (values != null) {
                Value type = values.get(SERVICE_TYPE.path());
                if ("NodePort".equals(type.text())) {
                    findings.report(
                            "node-port",
                            Place.inValues(values.locate(type), SERVICE_TYPE.text(), SERVICE_TYPE + " is NodePort"),
                            new ProposedFix(type.path().keys(), "ClusterIP", false, null));
                }
            }
            if (context.hasManifests()) {
                for (KubeObject service : context.manifests().named("Service", "deis-builder")) {
                    seen.add(service);
                    YamlEntry type = service.entryAt("spec", "type");
                    if (type != null
                            && type.value() instanceof YamlScalar scalar
                            && scalar.text().equals("NodePort")) {
                        findings.report(
                                "node-port",
                                Place.inManifest(
                                        service.locationOf(type), service.ref(), service.ref() + " is a NodePort"));
                    }
                }
            }
        }
    }

    private static List<Rule> catalogueAnd(Rule rule) {
        List<Rule> rules = new ArrayList<>(RuleCatalogue.all());
        rules.add(rule);
        return rules;
    }

    @Test
    void itsObjectsAreKeptAndPrunedToTheFieldsItReads() throws Exception {
        BuilderNodePortRule rule = new BuilderNodePortRule();
        assertFalse(RuleInputs.selection(RuleCatalogue.all()).keeps("Service", "deis-builder", false));
        assertTrue(RuleInputs.selection(catalogueAnd(rule)).keeps("Service", "deis-builder", false));

        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", STOCK + BUILDER_SERVICE);
        // Its id is known like a catalogue rule's: its severity can be set.
        CheckResult result = repo.check(b ->
                b.manifests("rendered").rules(catalogueAnd(rule)).severities(Map.of("builder-node-port", "error")));

        Finding finding = Findings.single(result, "builder-node-port");
        Findings.at(finding, "rendered/workflow.yaml:" + (lineOf(STOCK + BUILDER_SERVICE, "type: NodePort")) + ":9");
        assertEquals(Severity.ERROR, finding.severity());
        KubeObject service = rule.seen.get(0);
        assertNotNull(service.at("spec", "type"), "the field the rule declares is kept");
        assertNull(service.at("spec", "selector"), "fields no rule reads are pruned");
        assertNull(service.at("spec", "ports"));
        assertNull(service.at("metadata", "labels"));
        // The catalogue's rules found what they find without it.
        assertTrue(Findings.rules(result).contains("tls-missing"), Findings.describe(result));
    }

    @Test
    void itsFindingsPointAtItsEntryInTheSarifAndJUnitReports() throws Exception {
        BuilderNodePortRule rule = new BuilderNodePortRule();
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", STOCK + BUILDER_SERVICE);
        List<Rule> rules = catalogueAnd(rule);
        CheckResult result = repo.check(b -> b.manifests("rendered").rules(rules));

        ByteArrayOutputStream sarif = new ByteArrayOutputStream();
        SarifReport.write(sarif, result, "test", new ReportPaths(dir), RuleHelp.of(rules, null));
        JsonNode run =
                new ObjectMapper().readTree(sarif.toByteArray()).get("runs").get(0);
        JsonNode found = Stream.of(run.get("results"))
                .flatMap(results -> StreamSupport.stream(results.spliterator(), false))
                .filter(r -> r.get("ruleId").asText().equals("builder-node-port"))
                .findFirst()
                .orElseThrow();
        int index = found.get("ruleIndex").asInt();
        assertEquals(
                "builder-node-port",
                run.get("tool").get("driver").get("rules").get(index).get("id").asText());

        ByteArrayOutputStream junit = new ByteArrayOutputStream();
        JUnitReport.write(junit, result, Severity.ERROR, Set.of(), RuleCatalogue.ids(rules));
        assertTrue(junit.toString(StandardCharsets.UTF_8).contains("builder-node-port"));
    }

    @Test
    void itsEvidenceDecidesWhetherManifestFilesCanBeCheckedOneByOne() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("clusters/a/workflow.yaml", STOCK + BUILDER_SERVICE)
                .file("clusters/b/workflow.yaml", STOCK);

        CheckResult withRule = repo.check(b -> b.manifests("clusters").rules(catalogueAnd(new BuilderNodePortRule())));
        assertTrue(
                withRule.notes().stream().anyMatch(note -> note.contains("checked as one set")),
                "only file a shows a builder Service: " + withRule.notes());

        CheckResult catalogue = repo.manifests("clusters");
        assertFalse(
                catalogue.notes().stream().anyMatch(note -> note.contains("checked as one set")),
                "the catalogue's rules look for no builder Service: " + catalogue.notes());
    }

    @Test
    void aPlaceOnTheRenderIsTracedThroughItsKey() throws Exception {
        TestRepo repo = chart(new TestRepo(dir));
        CheckResult traced = repo.check(b -> b.chart("charts/builder").rules(List.of(new BuilderNodePortRule())));
        Finding finding = Findings.single(traced, "builder-node-port");
        Findings.at(finding, "charts/builder/values.yaml:2:17");
        Findings.says(
                finding,
                "Service/deis-builder is a NodePort (rendered from charts/builder/templates/builder-service.yaml; "
                        + "builder.service_type is not set in the values files: chart default in "
                        + "charts/builder/values.yaml:2)");

        // The same rule declaring no trace: the place stays at the template that writes the field.
        CheckResult untraced =
                repo.check(b -> b.chart("charts/builder").rules(List.of(new BuilderNodePortRule(Trace.NONE))));
        Finding atTemplate = Findings.single(untraced, "builder-node-port");
        Findings.at(atTemplate, "charts/builder/templates/builder-service.yaml:6:3");
        Findings.says(atTemplate, "where no values key controls this field");
    }

    @Test
    void itsDocsPageShowsWhatItDeclares() {
        String page = RuleDocs.page(new BuilderNodePortRule());
        Stream.of(
                        "# `builder-node-port`",
                        "- `builder.service_type` (Workflow 2.14 and later)",
                        "- Service `deis-builder`: `spec.type`",
                        "- builder Service: a Service `deis-builder`",
                        "rendering again with each of these keys changed: `builder.service_type`.",
                        "- `builder.service_type` ← `ClusterIP` (Workflow 2.14 and later)",
                        "# workflow:ignore builder-node-port")
                .forEach(line -> assertTrue(page.contains(line), () -> "no \"" + line + "\" in:\n" + page));
    }

    /** A chart of its own: the builder's Service, its type from `builder.service_type`. */
    private static TestRepo chart(TestRepo repo) {
        return repo.file("charts/builder/Chart.yaml", "apiVersion: v2\nname: builder\nversion: 2.19.0\n")
                .file("charts/builder/values.yaml", "builder:\n  service_type: NodePort\n")
                .file("charts/builder/templates/builder-service.yaml", """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: deis-builder
                        spec:
                          type: {{ .Values.builder.service_type }}
                          selector:
                            app: deis-builder
                          ports:
                            - name: ssh
                              port: 2222
                        """);
    }

    private static int lineOf(String text, String fragment) {
        return text.substring(0, text.indexOf(fragment)).split("\n", -1).length;
    }
}
