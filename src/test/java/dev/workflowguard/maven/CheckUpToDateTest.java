package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Up-to-date checking: a second `check` with nothing changed repeats the first one's outcome (lines,
 * annotations, failure) from its record instead of checking again; any change to what the outcome
 * depends on, or to the reports, checks again.
 */
@MojoTest
@Basedir("/mojo/up-to-date-project")
class CheckUpToDateTest {

    private static final String REPEATED = "workflow-guard: nothing changed since the last check; its outcome is "
            + "repeated (target/workflow/check-record.txt; -Dworkflow.upToDateChecking=false checks again)";

    private static Path basedir() {
        return Path.of("target", "test-classes", "mojo", "up-to-date-project").toAbsolutePath();
    }

    private static Path record() {
        return basedir().resolve("target/workflow/check-record.txt");
    }

    @BeforeEach
    void pristineProject() throws Exception {
        Path target = basedir().resolve("target");
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.copy(
                Path.of("src/test/resources/mojo/up-to-date-project/values/base.yaml"),
                basedir().resolve("values/base.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs the goal with a fresh log; returns the log and the failure message (or null). */
    private static Run run(CheckMojo mojo) {
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.pluginBuild = "test build";
        try {
            mojo.execute();
            return new Run(log, null);
        } catch (MojoFailureException e) {
            return new Run(log, e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private record Run(CapturingLog log, String failure) {
        boolean repeated() {
            return log.at("INFO").contains(REPEATED);
        }

        /** The lines as the first run printed them (the repeated run's own first line aside). */
        List<String> outcome() {
            return log.lines.stream()
                    .filter(l -> !l.equals("[INFO] " + REPEATED))
                    .toList();
        }
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void nothingChangedRepeatsTheOutcomeFromTheRecord(CheckMojo mojo) throws Exception {
        Run first = run(mojo);
        assertFalse(first.repeated(), first.log.all());
        assertTrue(first.failure().contains("minio-storage (1)"), first.failure());
        assertTrue(Files.isRegularFile(record()));

        Run second = run(mojo);
        assertTrue(second.repeated(), second.log.all());
        assertEquals(first.outcome(), second.outcome());
        assertEquals(first.failure(), second.failure());

        // What is repeated comes from the record, not from a new check.
        String text = Files.readString(record(), StandardCharsets.UTF_8);
        Files.writeString(
                record(),
                text.replace("global.storage is \\\"minio\\\"", "global.storage is \\\"MINIO\\\"")
                        .replace("global.storage is \"minio\"", "global.storage is \"MINIO\""),
                StandardCharsets.UTF_8);
        Run third = run(mojo);
        assertTrue(third.repeated(), third.log.all());
        assertTrue(third.log.all().contains("global.storage is \"MINIO\""), third.log.all());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void aCheckGivenSetValuesKeepsNoRecordAndChecksEveryTime(CheckMojo mojo) throws Exception {
        // --set values are often secrets from CI: not even a digest of them is kept on disk.
        mojo.setValues = List.of("monitor.grafana.password=Zq7-unit-test-secret");
        Files.deleteIfExists(record());
        Run first = run(mojo);
        Run second = run(mojo);
        assertFalse(second.repeated(), second.log.all());
        assertTrue(
                second.log
                        .all()
                        .contains("checked every time: a check given --set values (setValues / workflow.set) "
                                + "keeps no up-to-date record, as they may be secrets"),
                second.log.all());
        assertEquals(first.failure(), second.failure());
        assertFalse(Files.exists(record()), "no record");
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anEditedValuesFileIsCheckedAgain(CheckMojo mojo) throws Exception {
        run(mojo);
        Path values = basedir().resolve("values/base.yaml");
        Files.writeString(values, Files.readString(values).replace("storage: minio", "storage: s3"));
        Run second = run(mojo);
        assertFalse(second.repeated(), second.log.all());
        assertFalse(second.failure() != null && second.failure().contains("minio-storage"), second.failure());
        // The new outcome is recorded in turn.
        assertTrue(run(mojo).repeated());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void aChartBuildWithNothingChangedIsNotRenderedAndAnyChartFileChangeRendersAgain(CheckMojo mojo) throws Exception {
        Path chart = basedir().resolve("charts/workflow");
        try {
            copyTestChart(chart);
            mojo.chart = "charts/workflow";
            Run first = run(mojo);
            assertFalse(first.repeated(), first.log.all());
            assertTrue(first.log.all().contains("rendered charts/workflow"), first.log.all());
            Run second = run(mojo);
            assertTrue(second.repeated(), "nothing changed: " + second.log.all());
            assertEquals(first.outcome(), second.outcome());

            // A template deep inside a subchart (monitor/charts/grafana) changes: rendered again.
            Path deep = chart.resolve("charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml");
            Files.writeString(deep, Files.readString(deep) + "# edited\n");
            Run edited = run(mojo);
            assertFalse(edited.repeated(), "a subchart's template changed: " + edited.log.all());
            assertTrue(run(mojo).repeated(), "and that outcome is recorded in turn");

            // A new file anywhere in the chart counts too; a touched file with the same bytes does not.
            Files.writeString(chart.resolve("charts/router/templates/NOTES.txt"), "notes\n");
            assertFalse(run(mojo).repeated(), "a file added to a subchart");
            Files.setLastModifiedTime(deep, java.nio.file.attribute.FileTime.fromMillis(0));
            assertTrue(run(mojo).repeated(), "the same bytes at another time are the same chart");
        } finally {
            delete(basedir().resolve("charts"));
        }
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void aPackedChartIsRenderedAgainOnlyWhenTheArchiveChanges(CheckMojo mojo) throws Exception {
        Path source = basedir().resolve("chart-src/workflow");
        Path archive = basedir().resolve("workflow-v2.19.4.tgz");
        try {
            copyTestChart(source);
            pack(source.getParent(), archive);
            mojo.chart = "workflow-v2.19.4.tgz";
            assertFalse(run(mojo).repeated());
            assertTrue(run(mojo).repeated(), "the same archive");
            Path deep = source.resolve("charts/monitor/charts/grafana/values.yaml");
            Files.writeString(
                    deep, Files.readString(deep).replace("allow_sign_up: \"true\"", "allow_sign_up: \"false\""));
            pack(source.getParent(), archive);
            Run repacked = run(mojo);
            assertFalse(repacked.repeated(), "the archive holds another subchart value: " + repacked.log.all());
            assertTrue(run(mojo).repeated(), "and that outcome is recorded in turn");
        } finally {
            delete(basedir().resolve("chart-src"));
            Files.deleteIfExists(archive);
        }
    }

    private static void copyTestChart(Path to) throws Exception {
        Path from = Path.of("src", "test", "resources", "charts", "workflow");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void pack(Path folder, Path archive) throws Exception {
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "workflow")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar: " + output);
    }

    private static void delete(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void aChangedSettingIsCheckedAgain(CheckMojo mojo) throws Exception {
        run(mojo);
        mojo.failOnSeverity = "none";
        Run second = run(mojo);
        assertFalse(second.repeated(), second.log.all());
        assertEquals(null, second.failure());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anotherDocsAddressIsCheckedAgainSoTheReportsLinkToIt(CheckMojo mojo) throws Exception {
        mojo.reportFormats = List.of("sarif");
        run(mojo);
        mojo.docsBaseUrl = "https://docs.example.com/rules";
        Run second = run(mojo);
        assertFalse(second.repeated(), second.log.all());
        assertTrue(Files.readString(record().resolveSibling("report.sarif"))
                .contains("\"helpUri\" : \"https://docs.example.com/rules/minio-storage\""));
        assertTrue(run(mojo).repeated(), "the same address again: nothing changed");
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void aReportDeletedOrEditedSinceIsWrittenByANewCheck(CheckMojo mojo) throws Exception {
        run(mojo);
        Path report = basedir().resolve("target/workflow/report.json");
        Files.delete(report);
        assertFalse(run(mojo).repeated());
        assertTrue(Files.isRegularFile(report));
        Files.writeString(report, "{}");
        assertFalse(run(mojo).repeated());
        assertTrue(Files.readString(report).contains("minio-storage"));
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void aNewPluginBuildChecksAgain(CheckMojo mojo) throws Exception {
        run(mojo);
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.pluginBuild = "another build";
        assertThrows(MojoFailureException.class, mojo::execute);
        assertFalse(log.at("INFO").contains(REPEATED), log.all());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void upToDateCheckingOffAlwaysChecks(CheckMojo mojo) throws Exception {
        mojo.upToDateChecking = false;
        run(mojo);
        assertFalse(Files.exists(record()));
        assertFalse(run(mojo).repeated());
    }

    /**
     * Every report format, alone and all together, with a baseline and each failOnSeverity: the reports are written,
     * and the next build with nothing changed repeats the outcome from the record (json among the formats used to fail with a
     * NullPointerException while recording).
     */
    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void everyReportFormatWithABaselineIsWrittenAndRecorded(CheckMojo mojo) throws Exception {
        Path baseline = basedir().resolve("target/workflow-baseline.json");
        Files.createDirectories(baseline.getParent());
        dev.workflowguard.suppress.Baseline.write(baseline, List.of(), "test");
        mojo.baseline = baseline.toString();
        java.util.Map<String, List<String>> files = new java.util.LinkedHashMap<>();
        files.put("json", List.of("report.json"));
        files.put("sarif", List.of("report.json", "report.sarif"));
        files.put("junit", List.of("report.json", "TEST-workflow-guard.xml"));
        files.put("html", List.of("report.json", "report.html"));
        files.put(
                "json,sarif,junit,html",
                List.of("report.json", "report.sarif", "TEST-workflow-guard.xml", "report.html"));
        // Each failOnSeverity the README lists, with each combination of formats.
        for (String failOn : List.of("error", "warning", "info", "none")) {
            mojo.failOnSeverity = failOn;
            for (var formats : files.entrySet()) {
                String combination = "failOn " + failOn + ", formats " + formats.getKey();
                Path reports = basedir()
                        .resolve("target/reports-" + failOn + "-"
                                + formats.getKey().replace(',', '-'));
                mojo.outputDirectory = reports.toFile();
                mojo.reportFormats = List.of(formats.getKey().split(","));
                Run first = run(mojo);
                assertFalse(first.repeated(), combination + ": " + first.log.all());
                assertEquals(!failOn.equals("none"), first.failure() != null, combination + ": " + first.failure());
                for (String file : formats.getValue()) {
                    assertTrue(Files.size(reports.resolve(file)) > 0, combination + ": " + file);
                }
                assertTrue(Files.isRegularFile(reports.resolve("check-record.txt")), combination);

                Run second = run(mojo);
                assertEquals(
                        "[INFO] workflow-guard: nothing changed since the last check; its outcome is repeated "
                                + "(target/" + reports.getFileName()
                                + "/check-record.txt; -Dworkflow.upToDateChecking=false "
                                + "checks again)",
                        second.log.lines.get(0),
                        combination);
                assertEquals(first.log.lines, second.log.lines.subList(1, second.log.lines.size()), combination);
                assertEquals(first.failure(), second.failure(), combination);
            }
        }
    }
}
