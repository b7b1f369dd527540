package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.suppress.ConfiguredSuppression;
import dev.workflowguard.suppress.SuppressedFinding;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage that applies the suppressions of values files, manifest files and the POM; a suppression
 * that covers nothing is a finding itself, at its configured severity, unless its rule is disabled.
 */
class SuppressionsTest {

    private static final String VALUES = """
            controller:
              # workflow:ignore open-registration reason="the admin registers on day one"
              registration_mode: enabled
            """;
    private static final String MANIFEST = """
            # workflow:ignore mutable-image-tag reason="the tag is pinned by the cluster's policy"
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            """;

    @TempDir
    Path dir;

    private Suppressions apply(UnaryOperator<CheckRequest.Builder> configure, List<Finding> findings)
            throws InputException {
        CheckRequest request = configure
                .apply(CheckRequest.builder(dir)
                        .values("values.yaml")
                        .manifests("rendered")
                        .today(LocalDate.of(2026, 1, 1)))
                .build();
        CheckInputs inputs = CheckInputs.of(request);
        RuleSettings rules = RuleSettings.of(request);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        UserValues values = UserValues.read(inputs, release);
        CommittedManifests committed = CommittedManifests.read(inputs, rules, release, values, (done, total) -> {});
        Rendering rendering = Rendering.render(inputs, release, values, committed, KnownSecrets.in(values, committed));
        return Suppressions.apply(inputs, rules, findings, values, committed, rendering);
    }

    private TestRepo repo() {
        return new TestRepo(dir).file("values.yaml", VALUES).file("rendered/settings.yaml", MANIFEST);
    }

    private static Finding at(String rule, String file, int line, String valuesPath) {
        SourceFile source = new SourceFile(Path.of(file), file, "", StandardCharsets.UTF_8, false);
        return new Finding(
                rule,
                Severity.ERROR,
                rule,
                List.of(Place.inValues(new Location(source, new TextPosition(line, 3, 0)), valuesPath, rule)),
                null);
    }

    private static List<String> described(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.rule() + " " + f.severity().id() + " " + f.location())
                .toList();
    }

    @Test
    void aValuesCommentAcceptsItsFindingAndAnUnusedManifestCommentIsStale() throws Exception {
        repo();
        Finding registration = at("open-registration", "values.yaml", 3, "controller.registration_mode");
        Suppressions applied = apply(b -> b, List.of(registration));
        assertEquals(
                List.of(registration),
                applied.suppressed().stream().map(SuppressedFinding::finding).toList());
        assertEquals(List.of("stale-suppression warning rendered/settings.yaml:1:1"), described(applied.active()));
    }

    @Test
    void theFindingsAboutSuppressionsTakeTheirConfiguredSeverityOrAreLeftOut() throws Exception {
        repo();
        // Nothing to accept: the values comment and the manifest comment both cover nothing.
        assertEquals(
                List.of(
                        "stale-suppression error values.yaml:2:3",
                        "stale-suppression error rendered/settings.yaml:1:1"),
                described(apply(b -> b.severities(Map.of("stale-suppression", "error")), List.of())
                        .active()));
        assertEquals(
                List.of(),
                described(apply(b -> b.disabledRules(List.of("stale-suppression")), List.of())
                        .active()));
    }

    @Test
    void aPomEntryAcceptsFindingsOfItsRuleInTheFilesItNames() throws Exception {
        repo();
        Finding storage = at("minio-storage", "values.yaml", 1, "global.storage");
        SourceFile pom = new SourceFile(dir.resolve("pom.xml"), "pom.xml", "", StandardCharsets.UTF_8, false);
        ConfiguredSuppression entry = new ConfiguredSuppression(
                "minio-storage",
                "values.yaml",
                null,
                null,
                "a dev cluster",
                null,
                new Location(pom, new TextPosition(12, 7, 0)));
        Suppressions applied = apply(b -> b.suppressions(List.of(entry)), List.of(storage));
        assertEquals(
                List.of(storage),
                applied.suppressed().stream().map(SuppressedFinding::finding).toList());
        assertEquals("a dev cluster", applied.suppressed().get(0).suppression().reason());
    }
}
