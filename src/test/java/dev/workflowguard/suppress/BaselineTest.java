package dev.workflowguard.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baseline fingerprints come from rule, cause, subject and file: a reworded message or lines moved keep a finding
 * accepted; a baseline of the previous format (fingerprints of the message) is still read and matched.
 */
class BaselineTest {

    /** The baseline the IT baseline-line-shifts commits: written by the previous format, from its before/ values. */
    private static final Path FORMAT_1 = Path.of("src", "it", "baseline-line-shifts");

    @TempDir
    Path dir;

    private CheckResult check(TestRepo repo, String baseline) throws InputException {
        return repo.check(b -> b.workflowVersion("2.19.0")
                .values("values/values.yaml")
                .baseline(baseline)
                .today(LocalDate.of(2026, 12, 1)));
    }

    /**
     * The IT baseline-line-shifts' project: its values and the autoscaler it commits (the stock chart has no
     * router replica key).
     */
    private CheckResult checkWithManifests(TestRepo repo, String baseline) throws InputException {
        return repo.check(b -> b.workflowVersion("2.19.0")
                .values("values/values.yaml")
                .manifests("manifests")
                .baseline(baseline)
                .today(LocalDate.of(2026, 12, 1)));
    }

    /** The findings as a later version might word them: every message different, nothing else. */
    private static List<Finding> reworded(List<Finding> findings) {
        return findings.stream()
                .map(f -> new Finding(
                        f.rule(),
                        f.severity(),
                        f.cause(),
                        f.places().stream()
                                .map(p -> new Place(
                                        p.location(),
                                        "reworded in a later version: "
                                                + p.message().toUpperCase(),
                                        p.valuesPath(),
                                        p.object()))
                                .toList(),
                        f.fix(),
                        f.manifestFixes()))
                .toList();
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void aRewordedMessageKeepsItsFingerprintSoTheBaselineStillAcceptsIt() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.19.yaml", "values/values.yaml");
        List<Finding> findings = check(repo, null).findings();
        assertTrue(findings.size() >= 5, Findings.describe(check(repo, null)));
        Baseline.write(dir.resolve("workflow-baseline.json"), findings, "test");
        Baseline baseline = Baseline.read(dir.resolve("workflow-baseline.json"));
        assertEquals(Baseline.FORMAT, baseline.format());

        List<Finding> reworded = reworded(findings);
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = reworded.get(i);
            assertNotEquals(findings.get(i).message(), finding.message());
            assertEquals(Baseline.fingerprint(findings.get(i)), Baseline.fingerprint(finding), finding.rule());
            assertTrue(baseline.contains(finding), () -> "not accepted once reworded: " + finding.rule());
        }
        assertEquals(List.of(), baseline.fixed(reworded));
    }

    @Test
    void theFingerprintIsMadeOfRuleCauseSubjectAndFile() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.19.yaml", "values/values.yaml");
        Finding finding = Findings.single(check(repo, null), "grafana-default-admin");
        String fingerprint = Baseline.fingerprint(finding);
        Place place = finding.primary();
        Finding otherCause = new Finding(finding.rule(), finding.severity(), "another", finding.places(), null);
        Finding otherRule = new Finding("rbac-disabled", finding.severity(), finding.cause(), finding.places(), null);
        Finding otherSubject = new Finding(
                finding.rule(),
                finding.severity(),
                finding.cause(),
                List.of(Place.inValues(place.location(), "monitor.grafana.other", place.message())),
                null);
        Finding otherLine = new Finding(
                finding.rule(),
                finding.severity(),
                finding.cause(),
                List.of(Place.inValues(
                        Findings.single(check(repo, null), "rbac-disabled").location(),
                        place.valuesPath(),
                        place.message())),
                null);
        assertEquals(fingerprint, Baseline.fingerprint(otherLine), "the line is not part of it");
        for (Finding other : List.of(otherCause, otherRule, otherSubject)) {
            assertNotEquals(fingerprint, Baseline.fingerprint(other), other.toString());
        }
        assertTrue(fingerprint.matches("[0-9a-f]{32}"), fingerprint);
    }

    @Test
    void theFileSaysItsFormatAndWhatEachEntryIsAbout() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.19.yaml", "values/values.yaml");
        Finding admin = Findings.single(check(repo, null), "grafana-default-admin");
        Baseline.write(dir.resolve("b.json"), List.of(admin, admin), "1.2.3");

        JsonNode file = json(dir.resolve("b.json"));
        assertEquals(List.of("tool", "format", "about", "findings"), names(file));
        assertEquals("workflow-guard 1.2.3", file.get("tool").asText());
        assertEquals(2, file.get("format").asInt());
        assertEquals(1, file.get("findings").size(), "one entry per fingerprint");
        JsonNode entry = file.get("findings").get(0);
        assertEquals(List.of("fingerprint", "rule", "file", "subject", "cause", "message"), names(entry));
        assertEquals(Baseline.fingerprint(admin), entry.get("fingerprint").asText());
        assertEquals("grafana-default-admin", entry.get("rule").asText());
        assertEquals("values/values.yaml", entry.get("file").asText());
        assertEquals("monitor.grafana.password", entry.get("subject").asText());
        assertEquals(admin.cause(), entry.get("cause").asText());
        assertEquals(admin.message(), entry.get("message").asText());

        Baseline.Entry read = Baseline.read(dir.resolve("b.json")).entries().get(Baseline.fingerprint(admin));
        assertEquals(
                new Baseline.Entry(
                        Baseline.fingerprint(admin),
                        "grafana-default-admin",
                        "values/values.yaml",
                        "monitor.grafana.password",
                        admin.cause(),
                        admin.message()),
                read);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aBaselineOfThePreviousFormatIsMatchedByItsMessageFingerprintsUntilItIsWrittenAgain() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .bytes("values/values.yaml", Files.readAllBytes(FORMAT_1.resolve("before/values/values.yaml")))
                .bytes("old-baseline.json", Files.readAllBytes(FORMAT_1.resolve("workflow-baseline.json")))
                .bytes("manifests/router-hpa.yaml", Files.readAllBytes(FORMAT_1.resolve("router-hpa.yaml")));
        assertFalse(json(dir.resolve("old-baseline.json")).has("format"), "the previous format has no format field");
        Baseline old = Baseline.read(dir.resolve("old-baseline.json"));
        assertEquals(1, old.format());
        assertEquals(3, old.entries().size());
        assertTrue(old.entries().values().stream().allMatch(e -> e.cause() == null), "format 1 has no cause");

        // check reads it and accepts every finding it lists, and never rewrites it.
        byte[] committed = Files.readAllBytes(dir.resolve("old-baseline.json"));
        CheckResult result = checkWithManifests(repo, "old-baseline.json");
        assertEquals(List.of(), result.findings(), Findings.describe(result));
        assertEquals(
                List.of("grafana-signup", "no-ip-whitelist", "open-registration"),
                result.baselined().stream().map(Finding::rule).sorted().toList());
        assertEquals(List.of(), result.fixedSinceBaseline());
        assertTrue(Arrays.equals(committed, Files.readAllBytes(dir.resolve("old-baseline.json"))), "check wrote to it");

        // Its fingerprints hold the message: reworded messages no longer match. That is why it is upgraded.
        List<Finding> reworded = reworded(result.baselined());
        assertTrue(reworded.stream().noneMatch(old::contains));

        // workflow:baseline writes it again in the current format, and then rewording changes nothing.
        Baseline.write(dir.resolve("old-baseline.json"), result.baselined(), "test");
        Baseline upgraded = Baseline.read(dir.resolve("old-baseline.json"));
        assertEquals(Baseline.FORMAT, upgraded.format());
        assertEquals(
                old.entries().values().stream()
                        .map(e -> List.of(e.rule(), e.file(), e.subject(), e.message()))
                        .sorted(Comparator.comparing(Object::toString))
                        .toList(),
                upgraded.entries().values().stream()
                        .map(e -> List.of(e.rule(), e.file(), e.subject(), e.message()))
                        .sorted(Comparator.comparing(Object::toString))
                        .toList(),
                "the same findings, only fingerprinted anew");
        assertTrue(reworded.stream().allMatch(upgraded::contains));
        CheckResult again = checkWithManifests(repo, "old-baseline.json");
        assertEquals(List.of(), again.findings(), Findings.describe(again));
        assertEquals(3, again.baselined().size());
    }

    @Test
    void duplicateKeysAndSuppressionFindingsStayAcceptedWhenLinesMove() throws Exception {
        String values = """
                global:
                  storage: s3
                  use_rbac: true
                controller:
                  registration_mode: admin_only
                  registration_mode: admin_only
                monitor:
                  grafana:
                    # workflow:ignore grafana-signup reason="the sign-up switch is off already"
                    allow_sign_up: "false"
                    # workflow:ignore open-registration
                    password: "${GRAFANA_PASSWORD}"
                router:
                  deployment_annotations:
                    # workflow:ignore no-ip-whitelist reason="public PaaS" until=2026-01-31
                    router.deis.io/nginx.ssl.enforce: "true"
                """;
        TestRepo repo = new TestRepo(dir).file("values/values.yaml", values);
        CheckResult first = check(repo, null);
        for (String rule :
                List.of("duplicate-key", "stale-suppression", "invalid-suppression", "expired-suppression")) {
            Findings.single(first, rule);
        }
        Baseline.write(dir.resolve("workflow-baseline.json"), first.findings(), "test");

        repo.file(
                "values/values.yaml",
                values.replace("global:\n", "# owner: platform team\n\nglobal:\n")
                        .replace("controller:\n", "# reviewed\ncontroller:\n  # the chart's default\n")
                        .replace("monitor:\n", "\n\nmonitor:\n"));
        CheckResult shifted = check(repo, "workflow-baseline.json");
        assertEquals(List.of(), shifted.findings(), Findings.describe(shifted));
        assertEquals(first.findings().size(), shifted.baselined().size());
        assertNotEquals(
                Findings.single(first, "duplicate-key").location().line(),
                shifted.baselined().stream()
                        .filter(f -> f.rule().equals("duplicate-key"))
                        .findFirst()
                        .orElseThrow()
                        .location()
                        .line(),
                "the duplicate moved");
    }

    @Test
    void duplicateKeysInManifestsStayAcceptedWhenLinesMove() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: deis-router-extra
                data:
                  mode: a
                  mode: b
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: other
                data:
                  mode: a
                  mode: b
                """;
        TestRepo repo = new TestRepo(dir).file("rendered/extra.yaml", manifest);
        CheckResult first = repo.check(b -> b.manifests("rendered"));
        List<Finding> duplicates = Findings.of(first, "duplicate-key");
        assertEquals(2, duplicates.size(), Findings.describe(first));
        assertNotEquals(Baseline.fingerprint(duplicates.get(0)), Baseline.fingerprint(duplicates.get(1)));
        Baseline.write(dir.resolve("workflow-baseline.json"), first.findings(), "test");

        repo.file("rendered/extra.yaml", "# Source: extra/templates/configmaps.yaml\n\n" + manifest);
        CheckResult shifted = repo.check(b -> b.manifests("rendered").baseline("workflow-baseline.json"));
        assertEquals(List.of(), shifted.findings(), Findings.describe(shifted));
        assertEquals(first.findings().size(), shifted.baselined().size());
    }

    @Test
    void aKeyRepeatedTwiceIsTwoFindingsWithTwoFingerprints() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file(
                        "values/values.yaml",
                        "controller:\n  registration_mode: admin_only\n"
                                + "  registration_mode: admin_only\n  registration_mode: admin_only\n");
        List<Finding> duplicates = Findings.of(check(repo, null), "duplicate-key");
        assertEquals(2, duplicates.size());
        assertNotEquals(Baseline.fingerprint(duplicates.get(0)), Baseline.fingerprint(duplicates.get(1)));
    }

    @Test
    void aBaselineFromANewerVersionOrWithABadFormatIsRefusedSayingWhy() throws Exception {
        Files.writeString(dir.resolve("newer.json"), "{\"format\": 3, \"findings\": []}");
        IOException newer = assertThrows(IOException.class, () -> Baseline.read(dir.resolve("newer.json")));
        assertEquals(
                "is in baseline format 3, written by a newer workflow-guard (this one reads formats up to 2): update "
                        + "the plugin, or write the baseline again with `mvn workflow:baseline`",
                newer.getMessage());
        Files.writeString(dir.resolve("text.json"), "{\"format\": \"2\", \"findings\": []}");
        assertEquals(
                "\"format\" is not a whole number",
                assertThrows(IOException.class, () -> Baseline.read(dir.resolve("text.json")))
                        .getMessage());
        Files.writeString(dir.resolve("zero.json"), "{\"format\": 0, \"findings\": []}");
        assertEquals(
                "\"format\" is 0, which no workflow-guard writes",
                assertThrows(IOException.class, () -> Baseline.read(dir.resolve("zero.json")))
                        .getMessage());
        Files.writeString(dir.resolve("anonymous.json"), "{\"format\": 2, \"findings\": [{\"rule\": \"x\"}]}");
        assertEquals(
                "a finding has no fingerprint",
                assertThrows(IOException.class, () -> Baseline.read(dir.resolve("anonymous.json")))
                        .getMessage());
        assertEquals(Map.of(), Baseline.read(writeEmpty()).entries());
    }

    private Path writeEmpty() throws IOException {
        Path empty = dir.resolve("empty.json");
        Baseline.write(empty, List.of(), "test");
        return empty;
    }
}
