package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.release.ReleaseFacts;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.ValuesPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16: in every release of the bundled table, every values key a finding's message or fix names exists
 * in that release. Values mode runs with the release's version over its stock values (the table's defaults)
 * and over a production overlay that trips every rule values can trip, with every fix option given, so that
 * each remedy and each fix is produced.
 */
class EveryReleaseRemedyTest {

    /**
     * Rules whose remedies another part of issue 16 makes fit the version (grafana-signup's pre-2.14 remedy,
     * mutable-image-tag's pinned tags): they are checked by their own tests.
     */
    private static final Set<String> OWNED_ELSEWHERE = Set.of("grafana-signup", "mutable-image-tag");

    private static final WorkflowReleases TABLE = WorkflowReleases.bundled();

    @TempDir
    Path dir;

    /** The releases with a Helm chart (2.8.0 on): Helm Classic releases had no Helm values to check. */
    static Stream<String> releases() {
        return TABLE.helmVersions().stream().map(WorkflowVersion::display);
    }

    static Stream<String> helmClassicReleases() {
        return TABLE.versions().stream().filter(TABLE::isHelmClassic).map(WorkflowVersion::display);
    }

    /**
     * A Helm Classic release (2.0 – 2.7) is checked as an unknown version is: the same findings at the same places,
     * and the log says why.
     */
    @ParameterizedTest(name = "Workflow {0}")
    @MethodSource("helmClassicReleases")
    void aHelmClassicReleaseIsCheckedAsAnUnknownVersionAndSaysWhy(String version) throws Exception {
        new TestRepo(dir)
                .file("values/base.yaml", stockValues(TABLE.newest()))
                .file("values/production.yaml", productionOverlay(TABLE.newest()));
        CheckResult classic = check(version, "values/base.yaml", "values/production.yaml");
        CheckResult unknown = check("3.0.0", "values/base.yaml", "values/production.yaml");
        assertEquals(
                List.of("Workflow " + version + " was a Helm Classic chart (deis/charts): workflow-guard checks the "
                        + "Helm chart of Workflow 2.8.0 and later, so defaults that changed between releases are not "
                        + "assumed"),
                classic.notes());
        assertEquals(placesOf(unknown), placesOf(classic), "Workflow " + version + " is checked as 3.0.0 is");
        assertFalse(classic.findings().isEmpty());
    }

    private static List<String> placesOf(CheckResult result) {
        return result.findings().stream()
                .flatMap(finding -> finding.places().stream()
                        .map(place -> finding.rule() + " " + finding.severity() + " " + place.location() + " "
                                + place.valuesPath() + (finding.fix() == null ? "" : " fixable")))
                .toList();
    }

    @ParameterizedTest(name = "Workflow {0}")
    @MethodSource("releases")
    void stockValuesNameOnlyKeysTheReleaseHas(String version) throws Exception {
        ReleaseFacts release = release(version);
        new TestRepo(dir).file("values/base.yaml", stockValues(release));
        CheckResult result = check(version, "values/base.yaml");
        assertFalse(result.findings().isEmpty(), "stock values of Workflow " + version + " trip rules");
        result.findings().forEach(finding -> assertOnlyExistingKeys(release, finding));
    }

    @ParameterizedTest(name = "Workflow {0}")
    @MethodSource("releases")
    void aProductionOverlayNamesOnlyKeysTheReleaseHas(String version) throws Exception {
        ReleaseFacts release = release(version);
        new TestRepo(dir)
                .file("values/base.yaml", stockValues(release))
                .file("values/production.yaml", productionOverlay(release));
        CheckResult result = check(version, "values/base.yaml", "values/production.yaml");
        List<String> tripped =
                result.findings().stream().map(Finding::rule).distinct().toList();
        for (String rule :
                List.of("open-registration", "storage-placeholder", "grafana-default-admin", "single-router")) {
            assertTrue(tripped.contains(rule), "Workflow " + version + ": the overlay trips " + rule + ": " + tripped);
        }
        if (release.has("router.host_port.enabled")) {
            assertTrue(tripped.contains("router-host-port"), "Workflow " + version + ": " + tripped);
        }
        if (release.has("global.use_rbac")) {
            assertTrue(tripped.contains("rbac-disabled"), "Workflow " + version + ": " + tripped);
        }
        result.findings().forEach(finding -> assertOnlyExistingKeys(release, finding));
    }

    @ParameterizedTest(name = "Workflow {0}")
    @MethodSource("releases")
    void everyFixOfTheStockValuesWritesAKeyTheReleaseHas(String version) throws Exception {
        ReleaseFacts release = release(version);
        new TestRepo(dir).file("values/base.yaml", stockValues(release));
        List<Finding> fixable = check(version, "values/base.yaml").findings().stream()
                .filter(finding -> finding.fix() != null)
                .filter(finding -> !OWNED_ELSEWHERE.contains(finding.rule()))
                .toList();
        assertFalse(fixable.isEmpty(), "Workflow " + version + ": something is fixable");
        for (Finding finding : fixable) {
            String key = new ValuesPath(finding.fix().path()).toString();
            assertTrue(
                    exists(release, new ValuesPath(finding.fix().path())),
                    finding.rule() + " on Workflow " + version + " fixes " + key + ", which the release lacks");
        }
    }

    private CheckResult check(String version, String... files) throws Exception {
        CheckRequest request = CheckRequest.builder(dir)
                .workflowVersion(version)
                .values(files)
                .fixOptions(new FixOptions("admin_only", "s3", "10.0.0.0/8", false))
                .build();
        return new Checker().check(request);
    }

    private static ReleaseFacts release(String version) {
        return TABLE.helmRelease(WorkflowVersion.parse(version)).orElseThrow().facts();
    }

    /** Every values key of the table that the message or the fix names must exist in the release. */
    private static void assertOnlyExistingKeys(ReleaseFacts release, Finding finding) {
        if (OWNED_ELSEWHERE.contains(finding.rule())) {
            return;
        }
        String version = release.version().display();
        for (Place place : finding.places()) {
            for (String key : TABLE.keys()) {
                if (names(place.message(), key)) {
                    assertTrue(
                            release.has(key),
                            finding.rule() + " on Workflow " + version + " names " + key + ", which the release lacks: "
                                    + place.message());
                }
            }
        }
        if (finding.fix() != null) {
            ValuesPath path = new ValuesPath(finding.fix().path());
            assertTrue(
                    exists(release, path),
                    finding.rule() + " on Workflow " + version + " fixes " + path + ", which the release lacks");
        }
    }

    /** True when the text names the key as a whole word (not as a part of a longer key). */
    static boolean names(String text, String key) {
        return Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_])")
                .matcher(text)
                .find();
    }

    /** A path the table covers (or one below a covered key) exists when the release has every covered part. */
    private static boolean exists(ReleaseFacts release, ValuesPath path) {
        boolean covered = false;
        for (int length = 1; length <= path.size(); length++) {
            String prefix = path.prefix(length).toString();
            if (TABLE.covers(prefix)) {
                covered = true;
                if (!release.has(prefix)) {
                    return false;
                }
            }
        }
        assertTrue(covered, "the table covers " + path + " or a key above it");
        return true;
    }

    /** The release's defaults of the table's keys, as a stock values file writes them. */
    static String stockValues(ReleaseFacts release) {
        Map<String, Object> tree = new TreeMap<>();
        release.values().forEach((key, value) -> {
            if (value != null && !key.contains("*")) {
                put(tree, key, value);
            }
        });
        return yaml(tree, "");
    }

    /**
     * What a production overlay that is not done yet looks like: registration still open, s3 chosen with the
     * placeholders left, Grafana's password left at admin, RBAC off and host ports on where the release has
     * the switches, and legacy TLS protocols in the router annotations where the release has them.
     */
    @SuppressWarnings("unchecked")
    static String productionOverlay(ReleaseFacts release) {
        Map<String, Object> tree = new TreeMap<>();
        put(tree, "controller.registration_mode", "enabled");
        put(tree, "global.storage", "s3");
        put(tree, "monitor.grafana.password", "admin");
        if (release.has("global.use_rbac")) {
            put(tree, "global.use_rbac", "false");
        }
        if (release.has("router.host_port.enabled")) {
            put(tree, "router.host_port.enabled", "true");
        }
        if (release.has("router.deployment_annotations")) {
            put(tree, "router.deployment_annotations", "");
            Map<String, Object> annotations = new TreeMap<>(Map.of(Router.PROTOCOLS, "TLSv1 TLSv1.2"));
            ((Map<String, Object>) tree.get("router")).put("deployment_annotations", annotations);
        }
        return yaml(tree, "");
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String key, String value) {
        String[] parts = key.split("\\.");
        Map<String, Object> map = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            map = (Map<String, Object>) map.computeIfAbsent(parts[i], part -> new TreeMap<String, Object>());
        }
        map.put(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static String yaml(Map<String, Object> tree, String indent) {
        StringBuilder out = new StringBuilder();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map) {
                out.append(indent).append(key).append(":\n").append(yaml((Map<String, Object>) map, indent + "  "));
            } else {
                out.append(indent)
                        .append(key)
                        .append(": ")
                        .append(scalar((String) value))
                        .append('\n');
            }
        });
        return out.toString();
    }

    /** Booleans and numbers bare, as Helm rendered them; every other default as a quoted string. */
    private static String scalar(String value) {
        return value.matches("true|false|-?\\d+")
                ? value
                : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @org.junit.jupiter.api.Test
    void aKeyIsNamedOnlyAsAWholeKey() {
        assertTrue(names("set global.use_rbac: true", "global.use_rbac"));
        assertTrue(names("(global.use_rbac)", "global.use_rbac"));
        assertFalse(names("set global.use_rbac_x: true", "global.use_rbac"));
        assertFalse(names("router.deployment_annotations.foo", "router.deployment_annotations"), "a key below it");
        assertTrue(names("under router.deployment_annotations.", "router.deployment_annotations"));
        assertEquals("a:\n  b: true\n  c: \"x y\"\n", yamlOf(Map.of("a.b", "true", "a.c", "x y")));
    }

    private static String yamlOf(Map<String, String> values) {
        Map<String, Object> tree = new TreeMap<>();
        values.forEach((key, value) -> put(tree, key, value));
        return yaml(tree, "");
    }
}
