package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check goal as Maven configures and runs it: POM configuration, failure, report, skip, errors. */
@MojoTest
@Basedir("/mojo/check-project")
class CheckMojoTest {

    private final CapturingLog log = new CapturingLog();

    private static Path basedir() {
        return Path.of("target", "test-classes", "mojo", "check-project").toAbsolutePath();
    }

    private static Path report() {
        return basedir().resolve("target/workflow/report.json");
    }

    @BeforeEach
    void cleanReports() throws Exception {
        Path target = basedir().resolve("target");
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void onlySetValuesAreCheckedAndNothingIsOfferedAsFixable(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.valuesFiles = java.util.List.of();
        mojo.setValues = java.util.List.of("controller.registration_mode=enabled");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("open-registration (1)"), failure.getMessage());
        assertTrue(
                log.at("ERROR").stream()
                        .anyMatch(l -> l.startsWith("--set:1:30: error: ") && l.endsWith("[open-registration]")),
                log.all());
        assertFalse(log.all().contains("can be corrected"), log.all());
        assertEquals(
                0,
                new ObjectMapper()
                        .readTree(report().toFile())
                        .get("summary")
                        .get("fixable")
                        .asInt());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void stockValuesFailTheBuildWithLocatedFindingsAndAReport(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("workflow-guard: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("minio-storage (1)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("target/workflow/report.json"), failure.getMessage());
        assertTrue(
                log.at("ERROR")
                        .contains("values/base.yaml:11:12: error: global.storage is \"minio\": Minio runs "
                                + "inside the cluster and is not resilient: when it goes, registry images, database backups and logs "
                                + "go with it; use s3, gcs, azure or swift; `mvn workflow:fix -Dworkflow.fix.storage=s3|gcs|azure|swift`"
                                + " sets it [minio-storage]"),
                log.all());
        // The POM's severity override turns the info rule into a warning.
        assertTrue(
                log.at("WARNING").stream().anyMatch(l -> l.contains(": warning: ") && l.endsWith("[no-ip-whitelist]")),
                log.all());
        assertTrue(log.at("ERROR").stream().anyMatch(l -> l.startsWith("workflow-guard: 5 errors")), log.all());

        JsonNode json = new ObjectMapper().readTree(report().toFile());
        assertEquals("2.19.0", json.get("workflowVersion").asText());
        assertEquals(1, json.get("summary").get("files").asInt());
        assertTrue(json.get("summary").get("failed").asBoolean());
        JsonNode first = json.get("findings").get(0);
        assertEquals("minio-storage", first.get("rule").asText());
        assertEquals("error", first.get("severity").asText());
        assertEquals("values/base.yaml", first.get("file").asText());
        assertEquals(11, first.get("line").asInt());
        assertEquals(12, first.get("column").asInt());
        assertEquals("global.storage", first.get("valuesPath").asText());
        assertFalse(first.get("fixable").asBoolean());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "valuesFiles", value = "values/base.yaml,values/prod.yaml")
    @MojoParameter(name = "manifests", value = "manifests")
    void productionOverlayPassesAndStillWritesTheReport(CheckMojo mojo) throws Exception {
        // The stock chart has no router replica key: the committed autoscaler scales the router.
        mojo.setLog(log);
        mojo.execute();
        assertTrue(
                log.at("INFO").contains("workflow-guard: no findings in 3 files checked (Workflow 2.19.0)."),
                log.all());
        JsonNode json = new ObjectMapper().readTree(report().toFile());
        assertEquals(0, json.get("findings").size());
        assertFalse(json.get("summary").get("failed").asBoolean());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "valuesFiles", value = "values/base.yaml,values/prod.yaml,values/null-overlay.yaml")
    @MojoParameter(name = "manifests", value = "manifests")
    @MojoParameter(name = "reportFormats", value = "sarif,html")
    @MojoParameter(name = "upToDateChecking", value = "false")
    void aFindingTheFixWouldRefuseIsNotOfferedAsFixable(CheckMojo mojo) throws Exception {
        // null-overlay.yaml deletes prod.yaml's annotations: the fix would not write the TLS annotations under the null
        // (Helm would merge prod.yaml's whitelist back in), so only open-registration is fixable, everywhere it shows.
        mojo.setLog(log);
        assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(
                log.at("WARNING").stream()
                        .anyMatch(l -> l.startsWith("values/null-overlay.yaml:5:27: warning: ")
                                && l.endsWith("[tls-not-enforced]")),
                log.all());
        assertTrue(
                log.at("ERROR")
                        .contains("workflow-guard: 1 error, 3 warnings, 0 info in 4 files checked (Workflow "
                                + "2.19.0). 1 finding can be corrected in the values files with `mvn workflow:fix`."),
                log.all());
        JsonNode json = new ObjectMapper().readTree(report().toFile());
        assertEquals(1, json.get("summary").get("fixable").asInt());
        java.util.Map<String, Boolean> fixable = new java.util.TreeMap<>();
        json.get("findings")
                .forEach(f ->
                        fixable.put(f.get("rule").asText(), f.get("fixable").asBoolean()));
        assertEquals(
                java.util.Map.of(
                        "no-ip-whitelist",
                        false,
                        "open-registration",
                        true,
                        "tls-legacy-protocols",
                        false,
                        "tls-not-enforced",
                        false),
                fixable);
        JsonNode sarif = new ObjectMapper()
                .readTree(basedir().resolve("target/workflow/report.sarif").toFile());
        java.util.Map<String, Boolean> inSarif = new java.util.TreeMap<>();
        sarif.get("runs")
                .get(0)
                .get("results")
                .forEach(r -> inSarif.put(
                        r.get("ruleId").asText(),
                        r.get("properties").get("fixable").asBoolean()));
        assertEquals(fixable, inSarif);
        String html = Files.readString(basedir().resolve("target/workflow/report.html"));
        assertTrue(html.contains("<div class=\"card fixable\"><b>1</b>fixable by workflow:fix</div>"), html);
        assertEquals(1, html.split("<span class=\"fixable\">fixable</span>", -1).length - 1, html);
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "failOnSeverity", value = "none")
    void failOnNoneLogsFindingsWithoutFailing(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertTrue(log.at("ERROR").stream().anyMatch(l -> l.endsWith("[minio-storage]")), log.all());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "failOnSeverity", value = "fatal")
    void anUnknownFailOnIsAConfigurationError(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().contains("workflow.failOn"), e.getMessage());
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipRunsNothing(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertFalse(Files.exists(report()));
        assertEquals("workflow-guard: check skipped", log.at("INFO").get(0));
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "checkSkip", value = "true")
    void checkSkipRunsNothing(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertFalse(Files.exists(report()));
    }

    @Test
    @InjectMojo(
            goal = "check",
            pom = "<project><build><plugins><plugin>"
                    + "<groupId>dev.workflowguard</groupId><artifactId>workflow-maven-plugin</artifactId>"
                    + "</plugin></plugins></build></project>")
    void nothingConfiguredIsAConfigurationErrorThatSaysHowToConfigure(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("nothing to check"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dworkflow.values="), e.getMessage());
        assertTrue(e.getMessage().contains("<manifests>"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "valuesFiles", value = "values/missing.yaml")
    void aMissingFileIsAnErrorNamingTheFileAndTheParameter(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("values/missing.yaml does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("valuesFiles / workflow.values"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "disabledRules", value = "minio-storage,no-such-rule")
    void anUnknownRuleIdIsAConfigurationError(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().contains("'no-such-rule' is not a rule id"), e.getMessage());
        assertTrue(e.getMessage().contains("disabledRules"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "workflowVersion", value = "latest")
    void aVersionThatIsNoVersionIsAConfigurationError(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().contains("'latest' is not a Workflow version"), e.getMessage());
        assertTrue(e.getMessage().contains("workflow.version"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "docsBaseUrl", value = "docs/rules")
    void aDocsAddressThatIsNoHttpUrlIsAConfigurationError(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(
                e.getMessage()
                        .startsWith("docsBaseUrl / workflow.docsBaseUrl: 'docs/rules' cannot be used: it is not an "
                                + "http or https URL. Give the http(s) address where the rule pages are published"),
                e.getMessage());
        assertFalse(Files.exists(report()), "nothing checked, nothing written");
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "docsBaseUrl", value = "https://docs.example.com/workflow-guard/rules")
    @MojoParameter(name = "reportFormats", value = "sarif,html")
    @MojoParameter(name = "upToDateChecking", value = "false")
    void theReportsLinkToTheConfiguredDocs(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        assertThrows(MojoFailureException.class, mojo::execute);
        JsonNode driver = new ObjectMapper()
                .readTree(basedir().resolve("target/workflow/report.sarif").toFile())
                .get("runs")
                .get(0)
                .get("tool")
                .get("driver");
        assertEquals(
                "https://docs.example.com/workflow-guard/rules",
                driver.get("informationUri").asText());
        assertEquals(
                "https://docs.example.com/workflow-guard/rules/minio-storage",
                driver.get("rules").get(0).get("helpUri").asText());
        String html = Files.readString(basedir().resolve("target/workflow/report.html"));
        assertTrue(html.contains("<a href=\"https://docs.example.com/workflow-guard/rules/minio-storage\">"), html);
    }
}
