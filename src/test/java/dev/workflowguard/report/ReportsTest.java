package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report formats, each read back the way its consumers read it: SARIF against the official
 * 2.1.0 schema, JUnit XML parsed, the HTML page parsed and searched for every finding.
 */
class ReportsTest {

    @TempDir
    Path dir;

    private CheckResult result;
    private ReportPaths paths;

    @BeforeEach
    void checkARepositoryWithEveryKindOfFinding() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "infra/values/base.yaml")
                .file("infra/values/prod.yaml", """
                        global:
                          storage: s3
                        monitor:
                          grafana:
                            # workflow:ignore grafana-signup reason="demo cluster: sign-ups stay open" until=2099-12-31
                            allow_sign_up: "true"
                        """)
                .resource("fixtures/rendered-stock-2.19.yaml", "infra/rendered/my workflow.yaml");
        result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("infra/values/base.yaml", "infra/values/prod.yaml")
                .manifests("infra/rendered"));
        paths = new ReportPaths(dir);
        assertFalse(result.suppressed().isEmpty(), "the fixture needs a suppressed finding");
        assertTrue(result.findings().stream().anyMatch(f -> f.places().size() > 1), "and one with several places");
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchemaAndCarriesRealPositions() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SarifReport.write(out, result, "1.2.3", paths);
        JsonNode sarif = validSarif(out);
        JsonNode run = sarif.get("runs").get(0);
        assertEquals(1, sarif.get("runs").size());
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertEquals(RuleCatalogue.infos().size(), rules.size());
        JsonNode openRegistration = rules.get(RuleCatalogue.ids().indexOf("open-registration"));
        assertEquals(
                "error",
                openRegistration.get("defaultConfiguration").get("level").asText());

        JsonNode results = run.get("results");
        assertEquals(result.findings().size() + result.suppressed().size(), results.size());
        for (int i = 0; i < result.findings().size(); i++) {
            Finding finding = result.findings().get(i);
            JsonNode sarifResult = results.get(i);
            assertEquals(finding.rule(), sarifResult.get("ruleId").asText());
            JsonNode location = sarifResult.get("locations").get(0).get("physicalLocation");
            // Relative to the repository root (the test folder has .git), with spaces encoded.
            assertEquals(
                    paths.uri(finding.location().fileName()),
                    location.get("artifactLocation").get("uri").asText());
            assertTrue(location.get("artifactLocation").get("uri").asText().startsWith("infra/"));
            assertEquals(
                    finding.location().line(),
                    location.get("region").get("startLine").asInt());
            assertEquals(
                    finding.location().column(),
                    location.get("region").get("startColumn").asInt());
            assertEquals(
                    finding.places().size() - 1,
                    sarifResult.has("relatedLocations")
                            ? sarifResult.get("relatedLocations").size()
                            : 0);
        }
        assertTrue(results.toString().contains("infra/rendered/my%20workflow.yaml"), "spaces are encoded in URIs");
        JsonNode suppressed = results.get(results.size() - 1);
        assertEquals("grafana-signup", suppressed.get("ruleId").asText());
        assertEquals(
                "inSource", suppressed.get("suppressions").get(0).get("kind").asText());
        assertEquals(
                "demo cluster: sign-ups stay open (until 2099-12-31)",
                suppressed.get("suppressions").get(0).get("justification").asText());
        // No result sits on line 1 unless it really is there.
        assertTrue(results.findValues("startLine").stream().anyMatch(n -> n.asInt() > 1));
    }

    @Test
    void sarifCarriesEveryRulesPageAndLinksNowhereUnlessTold() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SarifReport.write(out, result, "1.2.3", paths);
        JsonNode driver = validSarif(out).get("runs").get(0).get("tool").get("driver");
        Map<String, String> pages = RuleDocs.pages();
        assertEquals(RuleCatalogue.ids().size(), driver.get("rules").size());
        for (JsonNode rule : driver.get("rules")) {
            String id = rule.get("id").asText();
            String page = pages.get(id + ".md");
            assertEquals(page, rule.get("help").get("markdown").asText(), id + ": the page of docs/rules");
            String text = rule.get("help").get("text").asText();
            assertTrue(text.startsWith(id + "\n"), id + ": " + text);
            assertTrue(text.contains("\nHow to fix\n----------\n\n"), id + ": " + text);
            assertFalse(text.contains("`"), id + ": plain text: " + text);
            assertFalse(rule.has("helpUri"), id + ": no address unless configured");
        }
        assertFalse(driver.has("informationUri"));
        // The only address in the report is the schema's.
        assertEquals(
                List.of("https://json.schemastore.org/sarif-2.1.0.json"),
                addresses(out.toString(StandardCharsets.UTF_8)));

        ByteArrayOutputStream linked = new ByteArrayOutputStream();
        SarifReport.write(
                linked,
                result,
                "1.2.3",
                paths,
                RuleHelp.of(RuleCatalogue.all(), DocsUrl.parse("https://docs.example.com/workflow-guard/rules/")));
        driver = validSarif(linked).get("runs").get(0).get("tool").get("driver");
        assertEquals(
                "https://docs.example.com/workflow-guard/rules",
                driver.get("informationUri").asText());
        for (JsonNode rule : driver.get("rules")) {
            String id = rule.get("id").asText();
            assertEquals(
                    "https://docs.example.com/workflow-guard/rules/" + id,
                    rule.get("helpUri").asText());
            assertEquals(pages.get(id + ".md"), rule.get("help").get("markdown").asText(), id);
        }
    }

    private JsonNode validSarif(ByteArrayOutputStream out) throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(out.toByteArray());
        try (InputStream schemaText = getClass().getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            JsonSchema schema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaText);
            Set<ValidationMessage> errors = schema.validate(sarif);
            assertEquals(Set.of(), errors);
        }
        return sarif;
    }

    /** Every http(s) address in a text. */
    private static List<String> addresses(String text) {
        return Pattern.compile("https?://[^\"\\s<>)]+")
                .matcher(text)
                .results()
                .map(MatchResult::group)
                .distinct()
                .toList();
    }

    @Test
    void junitHasOneCasePerRuleAndFileAndFailsAtTheThreshold() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitReport.write(out, result, Severity.ERROR, Set.of());
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        NodeList cases = xml.getElementsByTagName("testcase");
        int files = result.checkedFiles().size();
        assertEquals(files * RuleCatalogue.ids().size(), cases.getLength());
        assertEquals(Integer.toString(cases.getLength()), suite.getAttribute("tests"));
        long failing = result.findings().stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .map(f -> f.location().fileName() + "#" + f.rule())
                .distinct()
                .count();
        assertEquals(Long.toString(failing), suite.getAttribute("failures"));
        boolean sawSkipped = false;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            NodeList failures = testCase.getElementsByTagName("failure");
            if (failures.getLength() > 0) {
                String rule = testCase.getAttribute("name");
                String file = testCase.getAttribute("classname");
                assertTrue(
                        result.findings().stream()
                                .anyMatch(f -> f.rule().equals(rule)
                                        && f.location().fileName().equals(file)),
                        rule + " in " + file);
                assertTrue(failures.item(0).getTextContent().contains(file + ":"));
            }
            if (testCase.getElementsByTagName("skipped").getLength() > 0) {
                sawSkipped = true;
                assertEquals("grafana-signup", testCase.getAttribute("name"));
            }
        }
        assertTrue(sawSkipped, "the suppressed finding's case is skipped");
    }

    @Test
    void htmlIsSelfContainedWellFormedAndShowsEveryFinding() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(out, result, "1.2.3", Severity.ERROR, "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a: 1\n+a: <2>\n");
        String html = out.toString(StandardCharsets.UTF_8);
        Document page = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        String text = page.getDocumentElement().getTextContent();
        for (Finding finding : result.findings()) {
            for (Place place : finding.places()) {
                assertTrue(
                        text.contains(place.location().toString()),
                        place.location().toString());
            }
            // What a message quotes between backticks is shown as code, without the backticks.
            assertTrue(text.contains(finding.message().replace("`", "")), finding.message());
        }
        assertTrue(
                html.contains("<code class=\"said\">-Dworkflow.set=monitor.grafana.password=…</code>"),
                "a quoted command is code");
        assertEquals(
                result.findings().size(),
                ((Element) page.getElementsByTagName("tbody").item(0))
                        .getElementsByTagName("tr")
                        .getLength());
        assertTrue(
                text.contains("demo cluster: sign-ups stay open"), "suppressed findings are listed with their reason");
        assertTrue(html.contains("+a: &lt;2&gt;"), "the fix diff is shown, escaped");
        assertFalse(html.contains("<link"), "no external styles");
        assertFalse(html.contains("<script src"), "no external scripts");
        assertFalse(html.contains("@import") || html.contains("url("), "no external fonts or images");
        assertTrue(html.contains("name=\"viewport\""), "made for phone widths too");
    }

    @Test
    void htmlCarriesTheHelpOfEveryRuleItNamesAndLinksNowhereUnlessTold() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(out, result, "1.2.3", Severity.ERROR, null);
        String html = out.toString(StandardCharsets.UTF_8);
        Document page = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Map<String, Element> help = new LinkedHashMap<>();
        NodeList details = page.getElementsByTagName("details");
        for (int i = 0; i < details.getLength(); i++) {
            Element rule = (Element) details.item(i);
            help.put(rule.getAttribute("id"), rule);
        }
        Set<String> named = new LinkedHashSet<>();
        result.findings().forEach(f -> named.add(f.rule()));
        result.suppressed().forEach(s -> named.add(s.finding().rule()));
        // In catalogue order, each rule the page names, once.
        assertEquals(
                RuleCatalogue.ids().stream()
                        .filter(named::contains)
                        .map(id -> "rule-" + id)
                        .toList(),
                List.copyOf(help.keySet()));
        for (String id : named) {
            Element rule = help.get("rule-" + id);
            String text = rule.getTextContent();
            RuleInfo info = RuleCatalogue.info(id).orElseThrow();
            assertTrue(text.startsWith(id + ": " + info.summary()), text);
            assertTrue(text.contains("Why it matters\n" + info.why()), id + ": " + text);
            assertTrue(text.contains("How to suppress"), id);
            assertTrue(html.contains("<a href=\"#rule-" + id + "\">" + id + "</a>"), id + ": the rule id links to it");
        }
        assertEquals(List.of("http://www.w3.org/1999/xhtml"), addresses(html), "no link out of the page");

        ByteArrayOutputStream linked = new ByteArrayOutputStream();
        HtmlReport.write(
                linked,
                result,
                "1.2.3",
                Severity.ERROR,
                null,
                RuleHelp.of(RuleCatalogue.all(), DocsUrl.parse("https://wiki.example.com/rules/{rule}.html")));
        String withDocs = linked.toString(StandardCharsets.UTF_8);
        List<String> links = named.stream()
                .map(id -> "https://wiki.example.com/rules/" + id + ".html")
                .toList();
        for (String link : links) {
            assertTrue(withDocs.contains("<p>Online: <a href=\"" + link + "\">" + link + "</a></p>"), link);
        }
        List<String> expected = new ArrayList<>(List.of("http://www.w3.org/1999/xhtml"));
        expected.addAll(RuleCatalogue.ids().stream()
                .filter(named::contains)
                .map(id -> "https://wiki.example.com/rules/" + id + ".html")
                .toList());
        assertEquals(expected, addresses(withDocs), "only the configured pages");
    }

    @Test
    void htmlLocationsBreakOnlyAfterAPathSeparator() {
        assertEquals(
                "<code class=\"loc\"><span>infra/</span><wbr/><span>values/</span><wbr/>"
                        + "<span>values.yaml<span class=\"pos\">:10:22</span></span></code>",
                HtmlReport.location("infra/values/values.yaml:10:22"));
        assertEquals(
                "<code class=\"loc\"><span>--set<span class=\"pos\">:1:22</span></span></code>",
                HtmlReport.location("--set:1:22"));
        assertEquals(
                "<code class=\"loc\"><span>/</span><wbr/><span>a &amp; b.yaml<span class=\"pos\">:3</span></span></code>",
                HtmlReport.location("/a & b.yaml:3"));
        assertEquals("<code class=\"loc\"><span>pom.xml</span></code>", HtmlReport.location("pom.xml"));
    }

    @Test
    void githubAnnotationsEscapeAndPointAtRepositoryPaths() {
        List<String> lines = GitHubAnnotations.lines(result, paths);
        assertEquals(result.findings().stream().mapToInt(f -> f.places().size()).sum(), lines.size());
        for (String line : lines) {
            assertTrue(
                    line.matches("::(error|warning|notice) file=infra/[^,]+,line=\\d+,col=\\d+,title=workflow-guard "
                            + "[a-z-]+::.+"),
                    line);
        }
        assertEquals("a%25b%0Ac", GitHubAnnotations.data("a%b\nc"));
        assertEquals("x%3Ay%2Cz", GitHubAnnotations.property("x:y,z"));
        assertTrue(GitHubAnnotations.active(java.util.Map.of("GITHUB_ACTIONS", "true")));
        assertFalse(GitHubAnnotations.active(java.util.Map.of()));
        assertEquals(Findings.describe(result).lines().count(), lines.size());
    }
}
