package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stages put together: the order of findings and notes, and edits of manifests only when asked for. */
class CheckerTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");
    private static final String HPA = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: deis-router
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deis-router}
              minReplicas: 1
            """;

    @TempDir
    Path dir;

    private static Finding finding(String rule, String file, int line, int column) {
        SourceFile source = new SourceFile(Path.of(file), file, "", StandardCharsets.UTF_8, false);
        return new Finding(
                rule,
                Severity.ERROR,
                rule,
                List.of(Place.inValues(new Location(source, new TextPosition(line, column, 0)), "a", "m")),
                null);
    }

    /** Findings as text, without their manifest edits: two checks read their files into different objects. */
    private static List<String> described(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.rule() + " " + f.severity() + " " + f.cause() + " " + f.fix() + " "
                        + f.places().stream()
                                .map(p -> p.location() + " " + p.message())
                                .toList())
                .toList();
    }

    @Test
    void findingsAreOrderedByFileLineColumnThenRule() {
        List<Finding> sorted = new ArrayList<>(List.of(
                finding("tls-missing", "b.yaml", 1, 1),
                finding("tls-missing", "a.yaml", 2, 1),
                finding("open-registration", "a.yaml", 2, 1),
                finding("minio-storage", "a.yaml", 1, 5),
                finding("minio-storage", "a.yaml", 10, 1),
                finding("rbac-disabled", "a.yaml", 1, 3)));
        sorted.sort(Checker.ORDER);
        assertEquals(
                List.of(
                        "a.yaml:1:3 rbac-disabled",
                        "a.yaml:1:5 minio-storage",
                        "a.yaml:2:1 open-registration",
                        "a.yaml:2:1 tls-missing",
                        "a.yaml:10:1 minio-storage",
                        "b.yaml:1:1 tls-missing"),
                sorted.stream().map(f -> f.location() + " " + f.rule()).toList());
    }

    @Test
    void notesComeInTheOrderOfTheStagesThatMadeThem() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/hpa.yaml", HPA).file("rendered/workflow.yaml", STOCK);
        CheckResult result = repo.manifests("rendered");
        assertEquals(
                List.of(
                        "Workflow version not configured (<workflowVersion> / -Dworkflow.version): defaults that "
                                + "changed between releases are not assumed",
                        CommittedManifests.READ_AGAIN),
                result.notes());
        assertEquals(List.of("rendered/hpa.yaml", "rendered/workflow.yaml"), result.checkedFiles());
    }

    @Test
    void progressIsToldAsManifestFilesAreRead() throws Exception {
        new TestRepo(dir).file("clusters/a/workflow.yaml", STOCK).file("clusters/b/workflow.yaml", STOCK);
        List<String> told = new ArrayList<>();
        new Checker((done, total) -> told.add(done + "/" + total))
                .check(CheckRequest.builder(dir).manifests("clusters").build());
        assertEquals("2/2", told.get(told.size() - 1), told.toString());
    }

    @Test
    void editsOfManifestsAreKeptOnlyWhenAskedForAndCountedWhenTheCheckerCounts() throws Exception {
        // One file (checked as one set) and two clusters (checked file by file).
        new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values.yaml")
                .file("one/workflow.yaml", STOCK)
                .file("clusters/a/workflow.yaml", STOCK)
                .file("clusters/b/workflow.yaml", STOCK);
        for (String manifests : List.of("one", "clusters")) {
            CheckRequest.Builder request = CheckRequest.builder(dir)
                    .workflowVersion("2.19.0")
                    .values("values.yaml")
                    .manifests(manifests);
            CheckResult asked = new Checker()
                    .check(request.fixOptions(new FixOptions("admin_only", null, "10.0.0.0/8", true))
                            .build());
            CheckRequest notAsked = request.fixOptions(new FixOptions("admin_only", null, "10.0.0.0/8", false))
                    .build();
            CheckResult plain = new Checker().check(notAsked);
            CheckResult counted = new Checker().countingManifestFixes().check(notAsked);

            long editable = asked.findings().stream()
                    .filter(f -> !f.manifestFixes().isEmpty())
                    .count();
            assertTrue(editable > 0, manifests + ": the stock render has findings an edit corrects");
            assertEquals(editable, asked.fixableInManifests(), manifests);
            assertEquals(editable, counted.fixableInManifests(), manifests + ": counted though not asked for");
            assertEquals(0, plain.fixableInManifests(), manifests + ": neither asked for nor counted");
            for (CheckResult result : List.of(plain, counted)) {
                assertTrue(
                        result.findings().stream()
                                .allMatch(f -> f.manifestFixes().isEmpty()),
                        manifests + ": " + Findings.describe(result));
                assertEquals(
                        described(asked.findings()),
                        described(result.findings()),
                        manifests + ": the same findings, without the edits");
            }
        }
    }
}
